// Run by tests/browser/test_small_screens.py in each page: what does not fit
// a small screen. Takes the CSS selector of the controls a thumb must hit.
(selector) => {
  const width = window.innerWidth;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const name = (el) => {
    const classes = String(el.className || "").trim().replace(/\s+/g, ".");
    const label = (el.textContent || el.value || "").trim().slice(0, 30);
    return `${el.tagName.toLowerCase()}${classes ? "." + classes : ""} '${label}'`;
  };
  const height = (el) => Math.round(el.getBoundingClientRect().height);
  const wide = Array.from(document.querySelectorAll("body *")).filter((el) =>
    visible(el) && el.getBoundingClientRect().right > width + 1 &&
    !el.closest(".table-scroll, .skip-link, .visually-hidden"));
  const small = Array.from(document.querySelectorAll(selector)).filter((el) =>
    visible(el) && !el.closest(".skip-link") && height(el) < 44);
  return {
    overflow: document.documentElement.scrollWidth - width,
    wide: wide.slice(0, 5).map(name),
    small: small.slice(0, 8).map((el) => `${name(el)} ${height(el)}px`),
    font: getComputedStyle(document.body).fontSize,
  };
}
