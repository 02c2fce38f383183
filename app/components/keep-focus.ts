// A tap on a button never gets lost to the field it leaves. Pressing a button first blurs the field
// being typed in; the blur validates that field (useBlurForm, the registration steps) and shows or
// clears its error above the button, which moves the button out from under the finger before it is
// released, so the click lands elsewhere and nothing happens: a second tap was needed. Keeping focus
// in the field while a button is pressed means no blur, no shift, and the press submits; the submit
// checks every field anyway (on the server, the same schema). Keyboard presses do not go through
// mousedown, and a button needs no focus to be clicked.
import { useEffect } from "react";

function keepFocusOnButtons(event: MouseEvent) {
  if (event.button === 0 && event.target instanceof Element && event.target.closest("button:not(:disabled)")) event.preventDefault();
}

/** Installs keepFocusOnButtons for the whole document (once, from the root route). */
export function useKeepFocusOnButtons() {
  useEffect(() => {
    document.addEventListener("mousedown", keepFocusOnButtons);
    return () => document.removeEventListener("mousedown", keepFocusOnButtons);
  }, []);
}
