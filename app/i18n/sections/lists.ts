// Long lists and wide tables on a phone (issue 15): "more" under a list, the hint over a table
// that scrolls sideways.
export const zh = {
  shown: "显示 {{shown}} / 共 {{total}} 人",
  more: "再显示 {{count}} 人",
  scrollHint: "表格较宽，可左右滑动查看其余各列",
};
