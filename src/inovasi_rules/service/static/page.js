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
      var blob;
      if (a.dataset.encoding === "base64") {
        var raw = atob(text), bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        blob = new Blob([bytes], {type: a.dataset.type});
      } else {
        blob = new Blob([text], {type: a.dataset.type + ";charset=utf-8"});
      }
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = url; link.download = a.dataset.filename;
      document.body.appendChild(link); link.click(); link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  });
});
