// DOM queries the component tests share.

/** The problems a screen reader announces with a control: its aria-describedby alerts. */
export function problemsOf(control: HTMLElement): string[] {
  return (control.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id))
    .filter((el) => el?.getAttribute("role") === "alert")
    .map((el) => el!.textContent ?? "");
}
