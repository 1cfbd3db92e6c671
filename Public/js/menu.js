// On a small screen the main navigation and the account links fold behind a "Menu" button.
// Without JavaScript they simply stay unfolded.
document.addEventListener("DOMContentLoaded", () => {
  const header = document.querySelector(".site-header");
  const button = header && header.querySelector(".site-menu-button");
  if (!button) return;
  header.classList.add("site-header--foldable");
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("site-header--open", open);
  });
});
