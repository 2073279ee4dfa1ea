// The intranet's own script (a file, not inline: the page must work under script-src 'self').
// The "Open chatbots inside this page" switch sets the launcher's `embedding` attribute, and is remembered.
const toggle = document.getElementById('embed-bots');
const launcher = document.querySelector('sso-launcher');
if (toggle && launcher) {
  toggle.checked = localStorage.getItem('lone-star:embed-bots') === 'on';
  launcher.toggleAttribute('embedding', toggle.checked);
  toggle.addEventListener('change', () => {
    launcher.toggleAttribute('embedding', toggle.checked);
    localStorage.setItem('lone-star:embed-bots', toggle.checked ? 'on' : 'off');
  });
}
