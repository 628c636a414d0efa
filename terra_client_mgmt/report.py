import shutil

from trytond import config
from trytond.modules.company import CompanyReport

from .localtime import company_timezone, to_local


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

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['local'] = cls.local_datetime
        return context

    @staticmethod
    def local_datetime(record, value):
        "The datetime as the clock of the record's company shows it"
        if value:
            return to_local(value, company_timezone(record.company))
