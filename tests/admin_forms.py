"""Reading and re-posting admin change forms in tests, as a browser would."""


def form_data(response) -> dict:
    """POST data reproducing the admin change form as shown: main form and inline formsets."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def form_errors(response) -> list:
    """The errors of a change form that was shown again instead of saved."""
    if response.context is None:
        return []
    errors = [response.context["adminform"].form.errors]
    for inline in response.context.get("inline_admin_formsets", []):
        errors.append(inline.formset.non_form_errors())
        errors.extend(form.errors for form in inline.formset.forms)
    return errors
