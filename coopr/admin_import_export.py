"""Import and export buttons for record admins: all or nothing, after a preview.

Mix `RecordImportExportMixin` in before the record admin base:

    class PersonAdmin(RecordImportExportMixin, TranslatedRecordAdmin):
        resource_classes = [PersonResource]

Importing needs the "add" permission and exporting the "view" permission (settings), so
Editors import and export and Viewers only export. An upload is first tried in a
transaction that is rolled back, and shown as a preview; nothing is written until the
editor confirms. If any row fails, at the preview or at the confirmation, nothing at all
is written and the page lists each failing row and column in plain words.
"""

from __future__ import annotations

from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats

from coopr.exports import neutralise_cell


class NeutralisedFormulae:
    """Export cells a spreadsheet would run as formulas (`=`, `+`, `-`, `@`, …) as text.

    IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT makes import-export call `_escape_formulae`,
    which drops a leading "=" (so "=HYPERLINK(…)" loses a character, and "==…" is still a
    formula), leaves "+", "-" and "@" as they are, and writes every empty cell as the text
    "None". Here the cell gets an apostrophe in front instead, as the public CSV has it
    (coopr.exports), and the import takes it off again (RecordResource.before_import). With
    the setting off, cells are exported as they are.
    """

    def _escape_formulae(self, dataset):
        for index, row in enumerate(dataset):
            dataset[index] = [neutralise_cell(cell) for cell in row]


class CSV(NeutralisedFormulae, base_formats.CSV):
    pass


class XLSX(NeutralisedFormulae, base_formats.XLSX):
    pass


class RecordImportExportMixin(ImportExportMixin):
    formats = [CSV, XLSX]
    import_template_name = "admin/coopr/import.html"
    # A byte order mark, so spreadsheet programs read the UTF-8 CSV (世耕弘成, Голодец) right;
    # the import reads it with or without one.
    to_encoding = "utf-8-sig"

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # One invalid row rolls back the whole import at the confirmation too, not only in
        # the preview (a record may have changed in between).
        kwargs.setdefault("rollback_on_validation_errors", True)
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            return self.failed_import_response(request, result)
        return super().process_result(result, request)

    def failed_import_response(self, request, result):
        """The import page again, with the rows that failed; nothing was written."""
        messages.error(request, _("Nothing was imported: fix the rows below and try again."))
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        resource = self.get_import_resource_classes(request)[0](
            **self.get_import_resource_kwargs(request)
        )
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "title": _("Import"),
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "result": result,
                "fields_list": [
                    (
                        resource.get_display_name(),
                        [f.column_name for f in resource.get_user_visible_fields()],
                    )
                ],
                "import_error_display": self.import_error_display,
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)
