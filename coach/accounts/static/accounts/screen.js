// The safety screen: "None of these apply to me" answers "No" to every question of its group
// that has no answer yet. A "Yes" is never changed; choosing "Yes" unticks the box. Without this
// script the box still works: the server counts it as a "No" to each open question.
const words = {
  filledOne: 'Answered "No" to the 1 open question',
  filledMany: 'Answered "No" to the {n} open questions',
  yesOne: 'your "Yes" answer stays',
  yesMany: 'your "Yes" answers stay',
  all: 'Answered "No" to all {n} questions in this group.',
  cleared: "The answers filled in by that box are cleared.",
  unticked: '"{box}" is unticked: you answered "Yes" to a question here.',
  // The page's language: the server writes these words out beside the script.
  ...JSON.parse(document.getElementById("screen-words")?.textContent || "{}"),
};
const say = (text, values) => text.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

const summary = document.getElementById("error-summary");
if (summary) summary.focus();

for (const link of document.querySelectorAll("#error-summary a[href^='#']")) {
  link.addEventListener("click", (event) => {
    const input = document.getElementById(link.hash.slice(1));
    if (!input) return;
    event.preventDefault();
    input.closest("fieldset").scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  });
}

for (const group of document.querySelectorAll("[data-none-group]")) {
  const box = group.querySelector("input[type=checkbox]");
  const status = group.querySelector("[data-none-status]");
  const questions = [...group.querySelectorAll("fieldset.question")];
  let filled = [];

  box.addEventListener("change", () => {
    if (box.checked) {
      const open = questions.filter((q) => !q.querySelector("input[type=radio]:checked"));
      filled = open.map((q) => q.querySelector("input[type=radio][value=no]"));
      for (const radio of filled) radio.checked = true;
      const yes = group.querySelectorAll("input[type=radio][value=yes]:checked").length;
      status.textContent = yes
        ? `${say(filled.length === 1 ? words.filledOne : words.filledMany, { n: filled.length })}; ${yes === 1 ? words.yesOne : words.yesMany}.`
        : say(words.all, { n: questions.length });
    } else {
      for (const radio of filled) radio.checked = false;
      status.textContent = filled.length ? words.cleared : "";
      filled = [];
    }
  });

  group.addEventListener("change", (event) => {
    const target = event.target;
    if (target.type !== "radio") return;
    filled = filled.filter((radio) => radio.name !== target.name);
    if (target.value === "yes" && box.checked) {
      box.checked = false;
      filled = [];
      status.textContent = say(words.unticked, { box: box.labels[0].textContent.split(":")[0].trim() });
    }
  });
}
