/**
 * Builds bundles with the project's own webpack configuration (webpack.config.js), into a folder
 * of the caller's choosing: the preview for the e2e tests and the screenshots, the task pane and a
 * bare Fluent pane for the bundle bench. No webpack-dev-server: the output is served statically.
 */
import path from "node:path";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";

export const ROOT = path.resolve(__dirname, "../../..");

type Mode = "production" | "development";
/** webpack.config.js exports a function of (env, argv), synchronous or async. */
type ConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: Mode },
) => webpack.Configuration | Promise<webpack.Configuration>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const projectConfig = require(path.join(ROOT, "webpack.config.js")) as ConfigFactory;

export interface BuildOptions {
  outDir: string;
  mode?: Mode;
  /** Entry names of webpack.config.js to build (default: all), each with its HTML page. */
  entries?: string[];
  /** Extra entries, each with an HTML page `<name>.html` from `template`. */
  extra?: { name: string; entry: string; template: string }[];
  /** Source maps cost a lot of build time and nobody reads them here (default false). */
  sourceMaps?: boolean;
  /** Where the task pane's Office.js comes from (webpack.config.js's OFFICE_JS; default "cdn"). */
  officeJs?: "cdn" | "bundled";
}

/** The html-webpack-plugin instance's page name (its options are public as `userOptions`). */
function pageOf(plugin: unknown): string | undefined {
  return (plugin as { userOptions?: { filename?: string } }).userOptions?.filename;
}

export async function configFor(options: BuildOptions): Promise<webpack.Configuration> {
  const mode = options.mode ?? "production";
  const base = await projectConfig({ officeJs: options.officeJs ?? "cdn" }, { mode });
  const baseEntries = base.entry as Record<string, string>;
  const wanted = options.entries ?? Object.keys(baseEntries);
  const entry: Record<string, string> = {};
  for (const name of wanted) {
    if (!(name in baseEntries)) throw new Error(`webpack.config.js has no entry "${name}"`);
    entry[name] = baseEntries[name];
  }
  const plugins = (base.plugins ?? []).filter((plugin) => {
    const page = pageOf(plugin);
    return page === undefined || wanted.some((name) => page === `${name}.html`);
  });
  for (const extra of options.extra ?? []) {
    entry[extra.name] = extra.entry;
    plugins.push(
      new HtmlWebpackPlugin({
        filename: `${extra.name}.html`,
        template: extra.template,
        chunks: [extra.name],
      }),
    );
  }
  return {
    ...base,
    mode,
    context: ROOT,
    entry,
    plugins,
    output: { ...base.output, path: options.outDir },
    devtool: options.sourceMaps ? base.devtool : false,
    infrastructureLogging: { level: "error" },
  };
}

/** Runs webpack; rejects with webpack's own error messages when the build fails. */
export async function build(options: BuildOptions): Promise<webpack.Stats> {
  const compiler = webpack(await configFor(options));
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (!stats) return reject(new Error("webpack returned no stats"));
      if (stats.hasErrors()) {
        const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
        return reject(new Error(`webpack build failed:\n${errors.map((e) => e.message).join("\n\n")}`));
      }
      resolve(stats);
    });
  });
}
