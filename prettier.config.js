/** The Office add-ins house style, with a wider line for data tables. */
module.exports = { ...require("office-addin-prettier-config"), printWidth: 110, trailingComma: "all" };
