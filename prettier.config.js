/** House style: the Office add-ins settings (prettier defaults, trailing commas) with a wider line for data tables. */
module.exports = { printWidth: 110, trailingComma: "all" };
