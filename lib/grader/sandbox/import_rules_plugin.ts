/**
 * A `deno lint` plugin that reports every place a submitted file loads code:
 * static imports, re-exports, `import()` and references to the runtime's
 * internals. It decides nothing: each report's message is a JSON object
 * (`{"kind":"static","specifier":"./adam.ts"}`) that `import_check.ts` judges.
 *
 * Module loading is not gated by Deno's permissions, so this static check is
 * what keeps a submission from importing files outside its sandbox (the
 * reference solution, the hidden tests) or from the network.
 *
 * @module
 */

/** What one report says. */
export interface ImportReport {
  /** static, reexport, dynamic, require or internals. */
  kind: "static" | "reexport" | "dynamic" | "require" | "internals";
  /** The module specifier when it is a string literal, otherwise null. */
  specifier: string | null;
}

function literal(node: unknown): string | null {
  const value = node as { type?: string; value?: unknown } | null;
  return value?.type === "Literal" && typeof value.value === "string" ? value.value : null;
}

function report(context: Deno.lint.RuleContext, node: Deno.lint.Node, message: ImportReport): void {
  context.report({ node, message: JSON.stringify(message) });
}

/** The plugin: one rule, `grad-dojo/imports`. */
const plugin: Deno.lint.Plugin = {
  name: "grad-dojo",
  rules: {
    imports: {
      create(context) {
        return {
          ImportDeclaration(node) {
            report(context, node, { kind: "static", specifier: literal(node.source) });
          },
          ExportAllDeclaration(node) {
            report(context, node, { kind: "reexport", specifier: literal(node.source) });
          },
          ExportNamedDeclaration(node) {
            if (node.source) {
              report(context, node, { kind: "reexport", specifier: literal(node.source) });
            }
          },
          ImportExpression(node) {
            report(context, node, { kind: "dynamic", specifier: literal(node.source) });
          },
          TSImportEqualsDeclaration(node) {
            const reference = node.moduleReference as { type: string; expression?: unknown };
            if (reference.type === "TSExternalModuleReference") {
              report(context, node, { kind: "require", specifier: literal(reference.expression) });
            }
          },
          MemberExpression(node) {
            const object = node.object as { type: string; name?: string };
            const property = node.property as { type: string; name?: string };
            if (
              object.type === "Identifier" && object.name === "Deno" &&
              (node.computed || property.name === "internal")
            ) {
              report(context, node, { kind: "internals", specifier: null });
            }
          },
        };
      },
    },
  },
};

export default plugin;
