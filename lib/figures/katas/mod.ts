/**
 * Which kata draws which figures: one builder per kata folder, in the
 * catalogue's order. To add a kata's figures, write
 * `lib/figures/katas/NN_slug.ts` exporting a {@linkcode FigureBuilder} and add
 * one line to {@linkcode FIGURE_BUILDERS}.
 *
 * @module
 */
import type { BuildContext, Figure, FigureBuilder } from "../figure.ts";
import { kata01Figures } from "./01_gradient_hessian.ts";
import { kata02Figures } from "./02_critical_points.ts";
import { kata03Figures } from "./03_minibatch_sgd.ts";
import { kata04Figures } from "./04_momentum.ts";
import { kata05Figures } from "./05_adam.ts";
import { kata06Figures } from "./06_warmup.ts";
import { kata07Figures } from "./07_softmax_cross_entropy.ts";
import { kata08Figures } from "./08_kfold.ts";
import { kata09Figures } from "./09_diagnosis.ts";
import { kata10Figures } from "./10_overfitting.ts";
import { kata11Figures } from "./11_generalization.ts";
import { kata12Figures } from "./12_capstone.ts";

/** A builder of the kata in `dir`, given its module (typed by the builder: the loader cannot know it). */
const own = <K>(
  dir: string,
  build: (kata: K, context: BuildContext) => Promise<Figure[]>,
): FigureBuilder =>
async (context) => build(await context.load(dir) as K, context);

/** The figure builders by kata folder. A kata not listed here has no figures yet. */
export const FIGURE_BUILDERS: Readonly<Record<string, FigureBuilder>> = {
  "01_gradient_hessian": own("01_gradient_hessian", kata01Figures),
  "02_critical_points": own("02_critical_points", kata02Figures),
  "03_minibatch_sgd": own("03_minibatch_sgd", kata03Figures),
  "04_momentum": own("04_momentum", kata04Figures),
  "05_adam": own("05_adam", kata05Figures),
  "06_warmup": own("06_warmup", kata06Figures),
  "07_softmax_cross_entropy": own("07_softmax_cross_entropy", kata07Figures),
  "08_kfold": own("08_kfold", kata08Figures),
  "09_diagnosis": own("09_diagnosis", kata09Figures),
  "10_overfitting": own("10_overfitting", kata10Figures),
  "11_generalization": own("11_generalization", kata11Figures),
  "12_capstone": own("12_capstone", kata12Figures),
};
