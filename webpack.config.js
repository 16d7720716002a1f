/* Builds the task pane (Office host) and the browser preview (pane beside an excel-sim workbook). */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
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
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
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
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "assets"), publicPath: "/assets" },
      port: 3000,
      host: "localhost",
      open: false,
    },
    performance: { hints: false },
  };
};
