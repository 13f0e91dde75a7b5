// Applies the remembered theme before the first paint, so a dark choice never flashes light.
(function () {
  var t = localStorage.getItem('warden.theme');
  if (t) document.documentElement.dataset.theme = t;
}());
