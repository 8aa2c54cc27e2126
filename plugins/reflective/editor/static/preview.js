/* Reflective: the editor's preview pane uses the site's own stylesheet (docs/editor.md). */
(() => {
  "use strict";
  const style = document.currentScript && document.currentScript.dataset.style;
  if (style && window.CMS && window.CMS.registerPreviewStyle) window.CMS.registerPreviewStyle(style);
})();
