/* global window, document, fetch, localStorage, navigator, performance */
// The demo shop page: switches the page and Web Chat between Chinese and English, gets a Direct Line
// token from the server, and keeps Chinese IME input from being sent half-composed.
(function () {
  'use strict';

  var LANGUAGE_KEY = 'kefu.language';
  var LOCALES = { zh: 'zh-CN', en: 'en-US' };
  var FAILED = {
    zh: '客服暂时连接不上，请刷新页面再试。',
    en: 'The assistant cannot be reached right now; please reload the page.',
  };
  var directLine;
  var userId;
  var language = initialLanguage();

  function initialLanguage() {
    var saved = localStorage.getItem(LANGUAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
    return (navigator.language || '').toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  }

  function applyLanguage() {
    document.documentElement.lang = LOCALES[language];
    document.querySelectorAll('[data-zh]').forEach(function (element) {
      element.textContent = element.getAttribute('data-' + language);
    });
    document.querySelectorAll('[data-lang]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === language));
    });
    renderChat();
  }

  function renderChat() {
    if (!directLine) return;
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: userId,
        locale: LOCALES[language],
        styleOptions: {
          accent: '#c8102e',
          botAvatarInitials: '客',
          userAvatarInitials: language === 'zh' ? '我' : 'Me',
          hideUploadButton: false,
          sendBoxTextWrap: true,
        },
      },
      document.getElementById('webchat'),
    );
  }

  /**
   * With a Chinese IME, Enter confirms the candidate being composed. Web Chat would also take that Enter as
   * "send" and send pinyin or half a phrase, so such an Enter is stopped before Web Chat sees it (the IME
   * still gets it). Safari fires the confirming Enter just after compositionend, hence the short grace.
   */
  function guardComposition() {
    var composing = false;
    var endedAt = -Infinity;
    document.addEventListener(
      'compositionstart',
      function () {
        composing = true;
      },
      true,
    );
    document.addEventListener(
      'compositionend',
      function () {
        composing = false;
        endedAt = performance.now();
      },
      true,
    );
    function stopHalfComposed(event) {
      var isEnter = event.key === 'Enter' || event.keyCode === 13 || event.keyCode === 229;
      if (!isEnter) return;
      if (composing || event.isComposing || event.keyCode === 229 || performance.now() - endedAt < 100) {
        event.stopPropagation();
      }
    }
    window.addEventListener('keydown', stopHalfComposed, true);
    window.addEventListener('keypress', stopHalfComposed, true);
  }

  function showError() {
    var element = document.getElementById('chat-error');
    element.setAttribute('data-zh', FAILED.zh);
    element.setAttribute('data-en', FAILED.en);
    element.textContent = FAILED[language];
    element.hidden = false;
  }

  document.querySelectorAll('[data-lang]').forEach(function (button) {
    button.addEventListener('click', function () {
      language = button.getAttribute('data-lang');
      localStorage.setItem(LANGUAGE_KEY, language);
      applyLanguage();
    });
  });
  guardComposition();

  fetch('/demo/token', { method: 'POST' })
    .then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    })
    .then(function (issued) {
      userId = issued.userId;
      directLine = window.WebChat.createDirectLine({
        token: issued.token,
        domain: window.location.origin + '/v3/directline',
      });
      applyLanguage();
    })
    .catch(showError);
  applyLanguage();
})();
