// A wide table or chart scrolls inside its box on a small screen. A box that scrolls must be
// reachable by keyboard: it becomes a focusable region named after its table's caption (or its
// chart's title), so that arrow keys scroll it and a screen reader says what it holds.
function markScrollRegions() {
  for (const box of document.querySelectorAll(".table-wrapper, .chart")) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (!scrolls) {
      if (box.dataset.scrollRegion) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.scrollRegion;
      }
      continue;
    }
    if (box.dataset.scrollRegion) continue;
    const caption = box.querySelector("caption, svg title, figcaption");
    const name = caption ? caption.textContent.trim() : "";
    box.dataset.scrollRegion = "1";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name ? name + " (défile horizontalement)" : "Contenu défilant horizontalement");
  }
}
document.addEventListener("DOMContentLoaded", markScrollRegions);
window.addEventListener("resize", markScrollRegions);
