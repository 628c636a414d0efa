"The company's clock: Tryton stores naive UTC datetimes"
import datetime as dt

from trytond.tools import timezone


def company_timezone(company):
    if company and company.timezone:
        return timezone.get_tzinfo(company.timezone)
    return timezone.UTC


def to_utc(date, time, tzinfo):
    "The naive UTC datetime Tryton stores for a local date and time"
    local = dt.datetime.combine(date, time, tzinfo=tzinfo)
    return local.astimezone(dt.timezone.utc).replace(tzinfo=None)


def to_local(value, tzinfo):
    return value.replace(tzinfo=dt.timezone.utc).astimezone(tzinfo)
