// Strings for roster import (filled in by the import feature).
const zh = {
  title: "花名册导入",
};

type Messages = typeof zh;

const en: Messages = {
  title: "Roster import",
};

export const rosterImport = { zh, en };
