"""The console's field and form-error blocks, drawn in Python, give the markup the included
templates gave, character for character, for generated labels, help texts and errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.console.templatetags.console_fields import console_field, console_form_errors

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
