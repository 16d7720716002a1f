/*
 * Builds the task pane (Office host) and the browser preview (pane beside an excel-sim workbook).
 *
 * - `npm start`: http://localhost:3000/preview.html, no certificates needed.
 * - `npm run start:excel`: the same over https with Office's trusted development certificates
 *   (office-addin-dev-certs), which Excel requires for a sideloaded add-in.
 * - `ADDIN_URL=https://example.org/scorecard npm run build`: dist/ for that host, with a
 *   manifest.xml whose URLs point there.
 * - `OFFICE_JS=bundled npm run build` (or `--env officeJs=bundled`): Office.js served with the
 *   add-in from dist/office-js/ (a copy of @microsoft/office-js's dist/) instead of Microsoft's CDN,
 *   for networks that cannot reach the CDN; the pane's Content-Security-Policy then allows scripts
 *   and connections from the add-in's own origin only.
 *
 * taskpane.html's first script is src/taskpane/bootstrap.js (ES5, copied as it is): it loads the
 * bundle, named in its data-entry attribute, or in an old Office webview shows what to do instead.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000";
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const OFFICE_JS_CDN = `${OFFICE_CDN}/lib/1/hosted/office.js`;
/** Where the bundled Office.js lives in the output, relative to taskpane.html. */
const OFFICE_JS_DIR = "office-js";

/** Copies of @microsoft/office-js's dist/ (unmodified, as its licence requires) and of its licence. */
function bundledOfficeJs() {
  const pkg = path.dirname(require.resolve("@microsoft/office-js/package.json"));
  return [
    // minimized: true keeps the production build's minifier off these files (and its 80 MB).
    { from: path.join(pkg, "dist"), to: OFFICE_JS_DIR, info: { minimized: true } },
    { from: path.join(pkg, "LICENSE.md"), to: `${OFFICE_JS_DIR}/LICENSE.md` },
  ];
}

/**
 * Points taskpane.html's Office.js tag at the bundled copy and removes the CDN from its policy;
 * fails the build if anything still names the CDN afterwards.
 */
class BundledOfficeJsPage {
  apply(compiler) {
    compiler.hooks.compilation.tap("BundledOfficeJsPage", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("BundledOfficeJsPage", (data) => {
        if (data.outputName !== "taskpane.html") return data;
        let html = data.html.split(`src="${OFFICE_JS_CDN}"`).join(`src="${OFFICE_JS_DIR}/office.js"`);
        html = html.split(` ${OFFICE_CDN};`).join(";");
        if (html.includes(OFFICE_CDN) || !html.includes(`src="${OFFICE_JS_DIR}/office.js"`))
          throw new Error("OFFICE_JS=bundled: taskpane.html still refers to the Office CDN");
        return { ...data, html };
      });
    });
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = (process.env.ADDIN_URL || DEV_URL).replace(/\/+$/, "");
  const https = Boolean(env && env.https);
  const officeJs = (env && env.officeJs) || process.env.OFFICE_JS || "cdn";
  if (officeJs !== "cdn" && officeJs !== "bundled")
    throw new Error(`OFFICE_JS must be "cdn" (the default) or "bundled", not "${officeJs}"`);
  return {
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        { test: /\.tsx?$/, loader: "ts-loader", exclude: /node_modules/, options: { transpileOnly: true } },
      ],
    },
    // No eval-based source maps: the pages' Content-Security-Policy has no 'unsafe-eval'.
    devtool: production ? "source-map" : "cheap-module-source-map",
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        // bootstrap.js loads the bundle (the template names it in the bootstrap's data-entry).
        inject: false,
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          // As written: the minifier could emit syntax newer than ES5.
          { from: "src/taskpane/bootstrap.js", to: "bootstrap.js", info: { minimized: true } },
          ...(officeJs === "bundled" ? bundledOfficeJs() : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(addinUrl),
          },
        ],
      }),
      ...(officeJs === "bundled" ? [new BundledOfficeJsPage()] : []),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "assets"), publicPath: "/assets" },
      port: 3000,
      host: "localhost",
      open: false,
      ...(https
        ? {
            server: {
              type: "https",
              options: await require("office-addin-dev-certs").getHttpsServerOptions(),
            },
          }
        : {}),
    },
    performance: { hints: false },
  };
};
