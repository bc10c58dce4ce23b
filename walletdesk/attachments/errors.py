from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class AttachmentError(DomainError):
    class Code(DomainError.Code):
        EMPTY_FILE = "empty_file"
        KIND_NOT_ALLOWED = "kind_not_allowed"
        FILE_TOO_LARGE = "file_too_large"
        TOO_MANY_FILES_MESSAGE = "too_many_files_message"
        MESSAGE_TOO_LARGE = "message_too_large"
        TOO_MANY_FILES_TICKET = "too_many_files_ticket"
        TICKET_TOO_LARGE = "ticket_too_large"
        TOO_MANY_PIXELS = "too_many_pixels"
        DAMAGED_IMAGE = "damaged_image"
        DAMAGED_PDF = "damaged_pdf"
        PDF_ACTIVE_CONTENT = "pdf_active_content"
        PDF_ENCRYPTED = "pdf_encrypted"
        SECRET_IN_NAME = "secret_in_name"  # noqa: S105 - an error code, not a password
        # The same code as typed text: the API answers 422 for both.
        SECRET_DETECTED = "secret_detected"  # noqa: S105 - an error code, not a password
        TOO_LONG_TO_CHECK = "too_long_to_check"
        INFECTED = "infected"
        NOT_ALLOWED = "not_allowed"
        STORAGE_UNAVAILABLE = "storage_unavailable"
        ALREADY_REMOVED = "already_removed"
        FILE_REMOVED = "file_removed"
        NOTHING_IN_NAME = "nothing_in_name"

    messages = {
        Code.EMPTY_FILE.value: _("%(name)s is empty. Choose the file again."),
        Code.KIND_NOT_ALLOWED.value: _(
            "%(name)s cannot be attached. Allowed are pictures (PNG, JPEG, WebP, HEIC) and PDF "
            "documents."
        ),
        Code.FILE_TOO_LARGE.value: _(
            "%(name)s is larger than %(limit)s. Send a smaller file or a screenshot of the part "
            "that matters."
        ),
        Code.TOO_MANY_FILES_MESSAGE.value: _("You can attach at most %(limit)s files at once."),
        Code.MESSAGE_TOO_LARGE.value: _(
            "Together these files are larger than %(limit)s. Send some of them in another reply."
        ),
        Code.TOO_MANY_FILES_TICKET.value: _(
            "This ticket already has the most files it can hold (%(limit)s)."
        ),
        Code.TICKET_TOO_LARGE.value: _(
            "This ticket's files would exceed %(limit)s in total. Send fewer or smaller files."
        ),
        Code.TOO_MANY_PIXELS.value: _(
            "%(name)s has too many pixels (more than %(limit)s million). Send a smaller picture."
        ),
        Code.DAMAGED_IMAGE.value: _("%(name)s could not be read as a picture. It may be damaged."),
        Code.DAMAGED_PDF.value: _("%(name)s could not be read as a PDF. It may be damaged."),
        Code.PDF_ACTIVE_CONTENT.value: _(
            "%(name)s contains scripts or embedded files, which we do not accept. Print it to a "
            "new PDF or send a screenshot instead."
        ),
        Code.PDF_ENCRYPTED.value: _(
            "%(name)s is password-protected. Send a copy without a password."
        ),
        Code.SECRET_IN_NAME.value: _(
            "The name of %(name)s looks like it contains a recovery phrase or private key. "
            "Rename the file: support never asks for these."
        ),
        Code.SECRET_DETECTED.value: _(
            "Not accepted: %(name)s shows a recovery phrase or a private key. Support never asks "
            "for it, and nobody should see it. Send the other files without it."
        ),
        Code.TOO_LONG_TO_CHECK.value: _(
            "%(name)s has too many pages or pictures to check for recovery phrases (at most "
            "%(limit)s pages). Send the pages that matter, or screenshots of them."
        ),
        Code.INFECTED.value: _("%(name)s was refused by the malware scan."),
        Code.STORAGE_UNAVAILABLE.value: _(
            "Your files could not be stored just now, so nothing was sent. What you wrote is "
            "still here: try again in a minute."
        ),
        Code.NOT_ALLOWED.value: _("You cannot add files to this ticket."),
        Code.ALREADY_REMOVED.value: _("This file was already removed. Nothing was changed."),
        Code.FILE_REMOVED.value: _(
            "This file is no longer available: it was removed because it contained a recovery "
            "phrase or private key, which support never keeps."
        ),
        Code.NOTHING_IN_NAME.value: _(
            "The guard finds no recovery phrase or private key in this file's name."
        ),
    }
