/*
 * "Is this page useful?" form: progressive enhancement.
 *
 * Without this script the form posts normally and the reader lands on the
 * thank-you page. With it, the form is checked first (an empty form shows an
 * error summary) and then sent in the background, so the reader stays on the
 * page. No dependencies.
 */
(function () {
  "use strict";

  var form = document.getElementById("feedback-form");
  if (!form || !document.querySelector || !form.addEventListener) {
    return;
  }

  var summary = document.getElementById("feedback-error-summary");
  var summaryBody = document.getElementById("feedback-error-summary-body");
  var status = document.getElementById("feedback-status");
  var usefulGroup = document.getElementById("feedback-useful-group");
  var fieldset = document.getElementById("feedback-useful-fieldset");
  var problem = document.getElementById("feedback-problem");
  var button = form.querySelector("button[type='submit']");
  var firstRadio = form.querySelector("input[type='radio'][name='useful']");

  var canSend =
    typeof window.fetch === "function" &&
    typeof window.FormData === "function" &&
    typeof window.URLSearchParams === "function";

  // The "page not found" page is served at any address: report that address.
  if (document.body && document.body.getAttribute("data-page") === "not-found") {
    var pageUrl = form.querySelector("input[name='page_url']");
    if (pageUrl) {
      pageUrl.value = window.location.href;
    }
  }

  var INLINE_ERROR_ID = "feedback-useful-error";

  function clearErrors() {
    if (summary) {
      summary.hidden = true;
    }
    if (summaryBody) {
      summaryBody.innerHTML = "";
    }
    var inline = document.getElementById(INLINE_ERROR_ID);
    if (inline && inline.parentNode) {
      inline.parentNode.removeChild(inline);
    }
    if (usefulGroup) {
      usefulGroup.classList.remove("form-group--error");
    }
    if (fieldset) {
      fieldset.removeAttribute("aria-describedby");
    }
  }

  // Shows the error summary with either a list of links to fields, or a
  // message, then moves focus to it so it is read out and seen.
  function showSummary(links, message) {
    if (!summary || !summaryBody) {
      return;
    }
    summaryBody.innerHTML = "";
    if (message) {
      var p = document.createElement("p");
      p.textContent = message;
      summaryBody.appendChild(p);
    }
    if (links && links.length) {
      var ul = document.createElement("ul");
      ul.className = "error-summary__list";
      links.forEach(function (link) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + link.target;
        a.textContent = link.text;
        a.addEventListener("click", function (event) {
          var target = document.getElementById(link.target);
          if (target) {
            event.preventDefault();
            target.focus();
            if (fieldset && fieldset.scrollIntoView) {
              fieldset.scrollIntoView();
            }
          }
        });
        li.appendChild(a);
        ul.appendChild(li);
      });
      summaryBody.appendChild(ul);
    }
    summary.hidden = false;
    summary.focus();
  }

  function showEmptyFormError() {
    var text = "Select yes or no, or tell us about a problem";
    if (usefulGroup && fieldset) {
      usefulGroup.classList.add("form-group--error");
      var inline = document.createElement("span");
      inline.className = "error-message";
      inline.id = INLINE_ERROR_ID;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Error: ";
      inline.appendChild(hidden);
      inline.appendChild(document.createTextNode(text));
      var legend = fieldset.querySelector("legend");
      if (legend && legend.nextSibling) {
        fieldset.insertBefore(inline, legend.nextSibling);
      } else {
        fieldset.appendChild(inline);
      }
      fieldset.setAttribute("aria-describedby", INLINE_ERROR_ID);
    }
    showSummary(firstRadio ? [{ target: firstRadio.id, text: text }] : [], firstRadio ? "" : text);
  }

  function isEmpty() {
    var chosen = form.querySelector("input[name='useful']:checked");
    var comment = problem ? problem.value.replace(/\s+/g, "") : "";
    return !chosen && comment === "";
  }

  function showThanks() {
    if (!status) {
      return;
    }
    form.hidden = true;
    status.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = "Thank you for your feedback.";
    status.appendChild(p);
    status.setAttribute("tabindex", "-1");
    status.focus();
  }

  function showSendError() {
    showSummary(
      [],
      "Sorry, your feedback could not be sent. Please try again later."
    );
  }

  form.addEventListener("submit", function (event) {
    clearErrors();

    if (isEmpty()) {
      event.preventDefault();
      showEmptyFormError();
      return;
    }

    if (!canSend) {
      // Let the browser send the form and go to the thank-you page.
      return;
    }

    event.preventDefault();
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }

    var body;
    try {
      body = new URLSearchParams(new FormData(form));
    } catch (e) {
      // Very old browsers cannot build the body: send the form normally.
      if (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      }
      form.submit();
      return;
    }

    window
      .fetch(form.action, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("Feedback not sent: " + response.status);
        }
        showThanks();
      })
      .catch(function () {
        if (button) {
          button.disabled = false;
          button.removeAttribute("aria-disabled");
        }
        showSendError();
      });
  });
})();
