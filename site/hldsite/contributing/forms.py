"""The contribution forms: Flask-WTF, so each carries a CSRF token tied to the session.

Messages are the site's own, translated; a failed CSRF check is a form error, so the text
the person wrote is shown again instead of being lost to an error page.
"""

from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from ..checks import CONTROL, REPLACEMENT
from ..models import NAME_LENGTH

TEXT_LENGTH = 5000
NOTE_LENGTH = 1000
TOO_LONG = _l("This is longer than %(max)d characters.")
UNREADABLE = CONTROL | {REPLACEMENT}


class Problem(NamedTuple):
    """What stopped a form (a text, or a check's finding) and the field it is about.

    `field` is the form field's name; None for the whole form (an expired form), whose problem
    the error summary links to the form's first field without marking any field invalid.
    """

    text: object
    field: str | None = None


def field_problems(form, **more) -> list[Problem]:
    """A form's problems in the order of its fields: its own errors, then `more` by field name."""
    if "csrf_token" in form.errors:
        problems = [Problem(_("The form has expired. Check the text and send it again."))]
    else:
        problems = []
    for field in form:
        if field.name == "csrf_token":
            continue
        problems += [Problem(str(error), field.name) for error in form.errors.get(field.name, [])]
        problems += [Problem(text, field.name) for text in more.get(field.name, [])]
    return problems


def readable(form, field):
    """A note or a name holds no control character and no undecodable byte."""
    if field.data and any(c in UNREADABLE for c in field.data.replace("\r\n", "\n")):
        raise ValidationError(_l("The text contains control characters: remove them."))


class SuggestionForm(FlaskForm):
    """A proposed translation, with an optional note and name."""

    class Meta:
        csrf_time_limit = None  # A translator may take an hour over a paragraph.

    text = TextAreaField(_l("Your translation"), validators=[Length(max=TEXT_LENGTH, message=TOO_LONG)])
    note = TextAreaField(
        _l("Note for the reviewers (optional)"),
        validators=[Length(max=NOTE_LENGTH, message=TOO_LONG), readable],
    )
    author = StringField(
        _l("Your name (optional)"), validators=[Length(max=NAME_LENGTH, message=TOO_LONG), readable]
    )
    check = SubmitField(_l("Check without sending"))
    submit = SubmitField(_l("Send suggestion"))


class LoginForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter your name.")), Length(max=NAME_LENGTH, message=TOO_LONG)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=200, message=TOO_LONG)],
    )
    submit = SubmitField(_l("Sign in"))


class DecisionForm(FlaskForm):
    """A reviewer's decision on one suggestion: accept its text (perhaps edited), or reject it."""

    class Meta:
        csrf_time_limit = None

    text = TextAreaField(_l("Text to publish"), validators=[Length(max=TEXT_LENGTH, message=TOO_LONG)])
    reason = TextAreaField(_l("Reason for rejecting"), validators=[Length(max=NOTE_LENGTH, message=TOO_LONG)])
    accept = SubmitField(_l("Accept and publish"))
    reject = SubmitField(_l("Reject"))


class WithdrawForm(FlaskForm):
    """Its author takes back a suggestion that waits for review."""

    class Meta:
        csrf_time_limit = None  # A receipt is kept for weeks: its address is the author's key.

    submit = SubmitField(_l("Withdraw this suggestion"))


class BatchForm(FlaskForm):
    """A reviewer's decision on several suggestions at once (chosen with checkboxes named `ids`)."""

    class Meta:
        csrf_time_limit = None

    reason = TextAreaField(
        _l("Reason for rejecting the selected suggestions"),
        validators=[Length(max=NOTE_LENGTH, message=TOO_LONG)],
    )
    accept = SubmitField(_l("Accept and publish the selected suggestions"))
    reject = SubmitField(_l("Reject the selected suggestions"))


class RevertForm(FlaskForm):
    """A reviewer publishes an earlier text again; `expected` names the current text they saw."""

    class Meta:
        csrf_time_limit = None

    expected = HiddenField(validators=[DataRequired(), Length(max=64)])
    submit = SubmitField(_l("Publish this earlier text again"))


class SignOutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))
