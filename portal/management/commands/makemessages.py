from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without msgmerge's fuzzy guesses: a new message stays visibly
    untranslated (and fails the translation test) instead of borrowing a similar one."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
