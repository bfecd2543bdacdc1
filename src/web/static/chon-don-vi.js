// chon-don-vi.js — fills a unit picker's list of names (unit_picker.c) the
// first time its box is used: the names come from the address in the box's
// data-names, once, instead of with every page.  Without this script the box
// is a plain text box, and the server finds the unit from what was typed.
'use strict';
document.querySelectorAll('input[data-names]').forEach(function (box) {
  var list = document.getElementById(box.getAttribute('list'));
  var state = 'none'; // 'asking', then 'done'; back to 'none' if it failed
  function fill() {
    if (!list || state !== 'none') return;
    state = 'asking';
    fetch(box.getAttribute('data-names'), {credentials: 'same-origin'})
      .then(function (answer) {
        if (!answer.ok) throw new Error(answer.status);
        return answer.json();
      })
      .then(function (names) {
        var options = document.createDocumentFragment();
        names.forEach(function (name) {
          var option = document.createElement('option');
          option.value = name;
          options.appendChild(option);
        });
        list.appendChild(options);
        state = 'done';
      })
      .catch(function () { state = 'none'; });
  }
  box.addEventListener('focus', fill);
  box.addEventListener('pointerdown', fill);
  box.addEventListener('input', fill);
});
