from decimal import Decimal

from sql import Null
from sql.aggregate import Count, Min, Sum
from sql.conditionals import Case
from sql.functions import DateTrunc

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction
from trytond.wizard import Button, StateReport, StateView, Wizard

from .complaint import KINDS
from .report import ClientDocumentReport


class ReportingContext(ModelView):
    __name__ = 'sale.complaint.reporting.context'
    __string__ = "Complaint Resolution Index Context"

    company = fields.Many2One('company.company', "Company", required=True)
    from_date = fields.Date(
        "From Date",
        domain=[
            If(Eval('to_date') & Eval('from_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ])
    to_date = fields.Date("To Date")
    kind = fields.Selection([(None, "")] + KINDS, "Kind")
    area = fields.Many2One('sale.complaint.area', "Area")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')


class Reporting(ModelSQL, ModelView):
    "The Incident Resolution Index (PRO 008 section 7) by month"
    __name__ = 'sale.complaint.reporting'
    __string__ = "Complaint Resolution Index"

    company = fields.Many2One('company.company', "Company")
    month = fields.Date("Month", help="The month the items were received.")
    received = fields.Integer("Received")
    resolved = fields.Integer("Resolved")
    hours = fields.Numeric(
        "Hours to Resolve", digits=(16, 2),
        help="The sum of the resolution times.")
    measured = fields.Integer(
        "With Due Time", help="Resolved items that had a service level.")
    within_sla = fields.Integer("Resolved in Time")
    average_hours = fields.Function(fields.Numeric(
            "Average Resolution Time (h)", digits=(16, 2)),
        'get_rates')
    sla_rate = fields.Function(fields.Numeric(
            "Resolved in Time (%)", digits=(16, 2)),
        'get_rates')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('month', 'DESC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Complaint = pool.get('sale.complaint')
        complaint = Complaint.__table__()
        context = Transaction().context
        # One row a month for the kind and area chosen in the context: the
        # graphs of the client add up the rows of a month, which must not
        # happen to averages and rates
        where = ((complaint.state != 'cancelled')
            & (complaint.company == context.get('company')))
        if context.get('from_date'):
            where &= complaint.date >= context['from_date']
        if context.get('to_date'):
            where &= complaint.date <= context['to_date']
        if context.get('kind'):
            where &= complaint.kind == context['kind']
        if context.get('area'):
            where &= complaint.area == context['area']
        # The month in a subquery: PostgreSQL does not match the month
        # expression of the grouping with that of the selection as their
        # parameters differ
        items = complaint.select(
            complaint.id, complaint.company,
            cls.month.sql_cast(
                DateTrunc('month', complaint.date)).as_('month'),
            complaint.resolution_hours, complaint.within_sla,
            (complaint.resolved_at != Null).as_('resolved'),
            (complaint.sla_due != Null).as_('measured'),
            where=where)
        return items.select(
            cls.id.sql_cast(Min(items.id)).as_('id'),
            items.company.as_('company'),
            items.month.as_('month'),
            Count(items.id).as_('received'),
            Count(Case((items.resolved, items.id))).as_('resolved'),
            cls.hours.sql_cast(Sum(items.resolution_hours)).as_('hours'),
            Count(Case((items.resolved & items.measured, items.id))
                ).as_('measured'),
            Count(Case((items.resolved & items.within_sla, items.id))
                ).as_('within_sla'),
            group_by=[items.company, items.month])

    @classmethod
    def get_rates(cls, records, names):
        cent = Decimal('0.01')
        result = {n: {} for n in names}
        for record in records:
            if 'average_hours' in names:
                result['average_hours'][record.id] = (
                    (record.hours / record.resolved).quantize(cent)
                    if record.resolved else None)
            if 'sla_rate' in names:
                result['sla_rate'][record.id] = (
                    (Decimal(100 * record.within_sla) / record.measured
                        ).quantize(cent)
                    if record.measured else None)
        return result


class RegisterStart(ModelView):
    __name__ = 'sale.complaint.register.start'
    __string__ = "Print Complaints and Requests Register"

    company = fields.Many2One('company.company', "Company", required=True)
    from_date = fields.Date(
        "From Date", required=True,
        domain=[
            If(Eval('to_date'), ('from_date', '<=', Eval('to_date')), ()),
            ])
    to_date = fields.Date("To Date", required=True)

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_from_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today().replace(month=1, day=1)

    @classmethod
    def default_to_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today()


class RegisterWizard(Wizard):
    "The register of complaints and requests of a period, for audits"
    __name__ = 'sale.complaint.register'
    start = StateView('sale.complaint.register.start',
        'terra_client_mgmt.complaint_register_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Print", 'print_', 'tryton-print', default=True),
            ])
    print_ = StateReport('sale.complaint.register')

    def do_print_(self, action):
        pool = Pool()
        Complaint = pool.get('sale.complaint')
        complaints = Complaint.search([
                ('company', '=', self.start.company.id),
                ('date', '>=', self.start.from_date),
                ('date', '<=', self.start.to_date),
                ], order=[('date', 'ASC'), ('number', 'ASC'), ('id', 'ASC')])
        return action, {
            'ids': [c.id for c in complaints],
            'from_date': self.start.from_date,
            'to_date': self.start.to_date,
            }


class RegisterReport(ClientDocumentReport):
    __name__ = 'sale.complaint.register'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['from_date'] = data.get('from_date')
        context['to_date'] = data.get('to_date')
        return context
