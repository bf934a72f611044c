// Runtime entry of this workspace package: the compiled code in dist/ (types come from src/index.ts).
module.exports = require("../../dist/libs/control/src/index.js");
