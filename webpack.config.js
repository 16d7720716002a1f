/*
 * Builds the task pane (Office host) and the browser preview (pane beside an excel-sim workbook).
 *
 * - `npm start`: http://localhost:3000/preview.html, no certificates needed.
 * - `npm run start:excel`: the same over https with Office's trusted development certificates
 *   (office-addin-dev-certs), which Excel requires for a sideloaded add-in.
 * - `ADDIN_URL=https://example.org/scorecard npm run build`: dist/ for that host, with a
 *   manifest.xml whose URLs point there.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000";

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = (process.env.ADDIN_URL || DEV_URL).replace(/\/+$/, "");
  const https = Boolean(env && env.https);
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
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => content.toString().split(DEV_URL).join(addinUrl),
          },
        ],
      }),
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
