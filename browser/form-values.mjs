// Reading and filling a form's values by the boxes' names. Works on anything shaped like form
// controls (name, type, value, checked, dataset), so it is tested without a browser.

// The form's flat values, as api.respond_form reads them: a box's text, a checkbox's true or
// false, the chosen radio's value.
export function formValues(elements) {
  const values = {};
  for (const element of elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") values[element.name] = element.checked;
    else if (element.type === "radio") { if (element.checked) values[element.name] = element.value; }
    else values[element.name] = element.value;
  }
  return values;
}

// Puts valueOf(name) into each box it gives a value for (null is a blank).
export function fill(elements, valueOf) {
  for (const element of elements) {
    if (!element.name) continue;
    const value = valueOf(element.name);
    if (value === undefined) continue;
    if (element.type === "checkbox") element.checked = value === true || value === "true";
    else if (element.type === "radio") element.checked = String(value) === element.value;
    else element.value = value === null ? "" : String(value);
  }
}

// A blank for every named box, so that filling a form with them leaves nothing of what was there.
export function blanks(elements) {
  return Object.fromEntries([...elements].filter((element) => element.name).map((element) => [element.name, ""]));
}

// valueOf for fill() from flat values: a box they do not name is left as it is.
export const from = (values) => (name) => (Object.hasOwn(values, name) ? values[name] : undefined);
