import shutil

from trytond import config
from trytond.modules.company import CompanyReport


class ClientDocumentReport(CompanyReport):
    "A document for the client: PDF when LibreOffice is there, else the ODT"

    @classmethod
    def convert(cls, report, data, timeout=5 * 60, retry=5):
        # Without a converter, Tryton 8.0 retries with an exhausted argument
        # list and fails instead of falling back to the template's format
        if (report.extension
                and report.extension != report.template_extension
                and not config.get('report', 'convert_command')
                and not shutil.which('soffice')):
            return report.template_extension, data
        return super().convert(report, data, timeout=timeout, retry=retry)
