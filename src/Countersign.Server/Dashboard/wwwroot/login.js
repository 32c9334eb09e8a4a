// A sign-in link (/ui/login#token=…) carries the token in the fragment, which never reaches the server or its logs:
// fill the form from it, forget it, and submit.
(function () {
  var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) { return; }
  var field = document.getElementById('token');
  field.value = decodeURIComponent(match[1]);
  history.replaceState(null, '', window.location.pathname + window.location.search);
  document.getElementById('token-login').submit();
})();
