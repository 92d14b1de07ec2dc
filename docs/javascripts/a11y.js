// What Material leaves to the site for GB/T 37668-2019 (WCAG 2.1 AA): the search dialog gets a name, every page
// a skip link (Material adds one only to pages with a table of contents), and a table that scrolls sideways on a
// phone can be reached with the keyboard and says that it scrolls. Runs after Material has built the page.
document$.subscribe(function () {
  var search = document.querySelector(".md-search");
  if (search) search.setAttribute("aria-label", "搜索");

  var skip = document.querySelector("[data-md-component=skip]");
  var content = document.querySelector(".md-content");
  if (skip && content && !skip.querySelector("a")) {
    content.id = content.id || "dj-content";
    var link = document.createElement("a");
    link.className = "md-skip";
    link.href = "#" + content.id;
    link.textContent = "跳转至正文";
    skip.appendChild(link);
  }

  var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
  function mark() {
    wraps.forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("dj-scrolls", scrolls);
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格，可左右滚动");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
});
