// The page works without this script; it only opens the story a link points at and
// turns the embedded result into a downloaded file.
"use strict";
function openStory() {
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
}
window.addEventListener("hashchange", openStory);
document.addEventListener("DOMContentLoaded", function () {
  openStory();
  document.querySelectorAll("a[data-download]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var text = document.getElementById(a.dataset.download).value;
      var url = URL.createObjectURL(new Blob([text], {type: a.dataset.type + ";charset=utf-8"}));
      var link = document.createElement("a");
      link.href = url; link.download = a.dataset.filename;
      document.body.appendChild(link); link.click(); link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  });
});
