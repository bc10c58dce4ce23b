"""The console's field and form-error blocks and its redaction confirmation, drawn in Python,
give the markup the included templates gave, character for character, for generated labels,
help texts, errors and addresses, in both languages."""

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.console.templatetags.console_fields import (
    console_field,
    console_form_errors,
    console_redact_form,
)

# What console/_field.html and console/_form_errors.html drew.
FIELD_TEMPLATE = Template(
    "{% load fieldmarks %}"
    '<div class="field{% if field.errors %} has-error{% endif %}"'
    '{% if field|secret_refused %} data-keep-typed="no"{% endif %}>\n'
    '  <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %}'
    ' <span class="required-mark" aria-hidden="true">*</span>{% endif %}</label>\n'
    "  {{ field }}\n"
    '  {% if field.help_text %}<p class="help">{{ field.help_text }}</p>{% endif %}\n'
    "  {{ field.errors }}\n"
    "</div>\n"
)
# What console/_redact.html drew (included with action, label and dom_id).
REDACT_TEMPLATE = Template(
    '{% load i18n %}<details class="redact" id="redact-{{ dom_id }}">\n'
    '  <summary>{% translate "Redact" %}</summary>\n'
    '  <form method="post" action="{{ action }}" class="stacked redact-form">\n'
    "    {% csrf_token %}\n"
    "    <fieldset>\n"
    "      <legend>{{ label }}</legend>\n"
    '      <label class="choice"><input type="radio" name="mode" value="masked" '
    'checked> {% translate "Mask what the guard finds" %}</label>\n'
    '      <label class="choice"><input type="radio" name="mode" value="removed"> {% '
    'translate "Remove it entirely (part of a phrase the guard cannot see)" %}</label>\n'
    "    </fieldset>\n"
    '    <p class="help">{% translate "This cannot be undone. The user is told that '
    "a wallet secret was removed and why; the history keeps who did it, never the "
    'secret." %}</p>\n'
    '    <div class="actions"><button type="submit" class="danger">{% translate '
    '"Confirm redaction" %}</button></div>\n'
    "  </form>\n"
    "</details>"
)
ERRORS_TEMPLATE = Template(
    '{% if form.non_field_errors %}<div class="form-error" role="alert">'
    "{% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}</div>{% endif %}"
)

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'"),
    max_size=30,
)
widgets = st.sampled_from(
    [forms.TextInput, forms.Textarea, forms.CheckboxInput, forms.HiddenInput, forms.Select]
)


def _form(
    label: str, help_text: str, required: bool, widget: type, error: str, code: str, whole: str
):  # type: ignore[no-untyped-def]
    class Form(forms.Form):
        body = forms.CharField(label=label, help_text=help_text, required=required, widget=widget)

        def clean(self):  # type: ignore[no-untyped-def]
            if whole:
                raise ValidationError(whole)
            return self.cleaned_data

        def clean_body(self):  # type: ignore[no-untyped-def]
            if error:
                raise ValidationError(error, code=code)
            return self.cleaned_data["body"]

    return Form(data={"body": "typed <b>"}, auto_id="id_reply_%s")


@settings(max_examples=150, deadline=None)
@given(
    label=texts,
    help_text=texts,
    required=st.booleans(),
    widget=widgets,
    error=texts,
    code=st.sampled_from(["invalid", "secret_detected"]),
    whole=texts,
)
def test_the_blocks_draw_what_the_templates_drew(
    label, help_text, required, widget, error, code, whole
):  # type: ignore[no-untyped-def]
    form = _form(label, help_text, required, widget, error, code, whole)
    form.is_valid()

    assert console_field(form["body"]) == FIELD_TEMPLATE.render(Context({"field": form["body"]}))
    assert console_form_errors(form) == ERRORS_TEMPLATE.render(Context({"form": form}))


def test_a_refused_secret_tells_the_page_not_to_keep_the_text():
    form = _form("Message", "", True, forms.Textarea, "a recovery phrase", "secret_detected", "")
    form.is_valid()

    drawn = console_field(form["body"])

    assert 'class="field has-error" data-keep-typed="no"' in drawn
    assert "a recovery phrase" in drawn


def test_an_unbound_form_draws_no_errors():
    form = _form("Message", "help", True, forms.Textarea, "", "invalid", "")
    form = type(form)(auto_id="id_reply_%s")

    assert console_form_errors(form) == ""
    assert 'class="field"' in console_field(form["body"])
    assert '<label for="id_reply_body">Message <span class="required-mark"' in console_field(
        form["body"]
    )


@settings(max_examples=40, deadline=None)
@given(
    action=texts,
    label=texts,
    dom_id=st.one_of(texts, st.uuids()),
    token=st.text(alphabet="abcXYZ019", min_size=1, max_size=64),
    language=st.sampled_from(["zh-hans", "en"]),
)
def test_the_redaction_confirmation_draws_what_its_template_drew(
    action, label, dom_id, token, language
):  # type: ignore[no-untyped-def]
    values = {"action": action, "label": label, "dom_id": dom_id, "csrf_token": token}

    with translation.override(language):
        drawn = console_redact_form(Context({"csrf_token": token}), action, label, dom_id)
        expected = REDACT_TEMPLATE.render(Context(values))

    assert drawn == expected
