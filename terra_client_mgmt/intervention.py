import datetime as dt
from itertools import groupby

from sql.operators import Equal

from trytond import backend
from trytond.i18n import gettext
from trytond.model import (
    ChatMixin, Exclude, Index, ModelSQL, ModelView, Workflow, fields,
    sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.model.fields import SQL_OPERATORS
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import (
    InterventionAssignmentError, InterventionDoubleBookingWarning,
    InterventionFinishError, InterventionLockedError,
    InterventionPlanningError, InterventionRescheduleError,
    ProductUsedValidationError)
from .localtime import company_timezone, to_local, to_utc
from .report import ClientDocumentReport

STATES = [
    ('planned', "Planned"),
    ('in_progress', "In Progress"),
    ('done', "Done"),
    ('cancelled', "Cancelled"),
    ]
# Done and cancelled visits are records (ISO 9001 7.5.3): they never change
LOCKED_STATES = {'done', 'cancelled'}
# Contract lines planned together by the planning action
PLANNING_SLICE = 500


class Intervention(Workflow, ModelSQL, ModelView, ChatMixin):
    "A visit to a client's premises (PRO 008 5.3)"
    __name__ = 'terra.intervention'
    __string__ = "Visit"
    _rec_name = 'number'

    _planned_states = {
        'readonly': Eval('state') != 'planned',
        }
    _open_states = {
        'readonly': Eval('state').in_(list(LOCKED_STATES)),
        }
    _execution_states = {
        'readonly': Eval('state') != 'in_progress',
        }

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    number = fields.Char("Number", readonly=True)
    client = fields.Many2One(
        'party.party', "Client", required=True, states=_planned_states,
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    address = fields.Many2One(
        'party.address', "Premises", states=_planned_states,
        domain=[
            ('party', '=', Eval('client', -1)),
            ])
    subscription = fields.Many2One(
        'sale.subscription', "Contract", readonly=True, ondelete='RESTRICT')
    subscription_line = fields.Many2One(
        'sale.subscription.line', "Contract Line", readonly=True,
        ondelete='RESTRICT')
    sale = fields.Many2One(
        'sale.sale', "Sale", readonly=True, ondelete='RESTRICT')
    sale_line = fields.Many2One(
        'sale.line', "Sale Line", readonly=True, ondelete='RESTRICT')
    service = fields.Many2One(
        'product.product', "Service", states=_planned_states,
        domain=[
            ('type', '=', 'service'),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    treatment_type = fields.Many2One(
        'terra.treatment.type', "Treatment Type", required=True,
        states=_planned_states, ondelete='RESTRICT')
    procedure = fields.Many2One(
        'terra.service.procedure', "Standard Procedure",
        states=_planned_states, ondelete='RESTRICT',
        domain=['OR',
            ('treatment_type', '=', None),
            ('treatment_type', '=', Eval('treatment_type', -1)),
            ])
    original_date = fields.Date(
        "Original Date", readonly=True,
        help="The date the contract promised; it stays when the visit is "
        "rescheduled or cancelled.")
    planned_start = fields.DateTime(
        "Planned Start", required=True,
        states={
            'readonly': Eval('id', -1) >= 0,
            },
        help="Use \"Reschedule\" to move a saved visit.")
    planned_end = fields.DateTime(
        "Planned End", required=True,
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    planned_date = fields.Function(
        fields.Date("Date"), 'get_planned_local',
        searcher='search_planned_date')
    planned_time = fields.Function(
        fields.Time("Time", format='%H:%M'), 'get_planned_local')
    employee = fields.Many2One(
        'company.employee', "Technician", states=_open_states,
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="Only employees qualified for the treatment type with a "
        "valid licence can be assigned.")
    double_booked = fields.Function(
        fields.Boolean(
            "Double Booked",
            help="The technician has another visit at the same time."),
        'get_double_booked')
    state = fields.Selection(STATES, "State", readonly=True, required=True)
    reschedules = fields.One2Many(
        'terra.intervention.schedule_change', 'intervention', "Reschedules",
        readonly=True)
    cancel_reason = fields.Text(
        "Cancellation Reason", readonly=True,
        states={
            'invisible': Eval('state') != 'cancelled',
            })

    checklist = fields.One2Many(
        'terra.intervention.checklist', 'intervention', "Checklist",
        states={
            'readonly': Eval('state') != 'in_progress',
            },
        help="The steps of the standard procedure, copied when the visit "
        "starts.")
    products = fields.One2Many(
        'terra.intervention.product', 'intervention', "Products Used",
        states=_execution_states)
    findings = fields.Text(
        "Pests and Conditions Found", states=_execution_states)
    recommendations = fields.Text(
        "Recommendations to the Client", states=_execution_states)
    actual_start = fields.DateTime("Start", states=_execution_states)
    actual_end = fields.DateTime(
        "End", states=_execution_states,
        domain=[
            If(Bool(Eval('actual_start')) & Bool(Eval('actual_end')),
                ('actual_end', '>', Eval('actual_start')),
                ()),
            ])
    client_representative = fields.Char(
        "Client Representative", states=_execution_states,
        help="The person who received the service for the client.")
    client_representative_identifier = fields.Char(
        "Representative ID", states=_execution_states)
    client_signature = fields.Binary(
        "Client Signature", states=_execution_states)
    certificate_number = fields.Char(
        "Certificate Number", readonly=True,
        help="The number of the service certificate given to the client.")
    amendments = fields.One2Many(
        'terra.intervention.amendment', 'intervention', "Amendments",
        readonly=True)

    del _planned_states, _open_states, _execution_states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('contract_line_date_unique',
                Exclude(t, (t.subscription_line, Equal),
                    (t.original_date, Equal)),
                'terra_client_mgmt.msg_intervention_planned_twice'),
            ]
        cls._sql_indexes.update({
                Index(t, (t.employee, Index.Equality()),
                    (t.planned_start, Index.Range())),
                Index(t, (t.sale_line, Index.Equality())),
                Index(t, (t.state, Index.Equality(cardinality='low')),
                    where=t.state.in_(['planned', 'in_progress'])),
                })
        cls._order = [
            ('planned_start', 'ASC'),
            ('id', 'ASC'),
            ]
        cls._transitions |= {
            ('planned', 'in_progress'),
            ('in_progress', 'done'),
            ('planned', 'cancelled'),
            ('in_progress', 'cancelled'),
            }
        cls._buttons.update({
                'start': {
                    'invisible': Eval('state') != 'planned',
                    'depends': ['state'],
                    },
                'finish': {
                    'invisible': Eval('state') != 'in_progress',
                    'depends': ['state'],
                    },
                'reschedule': {
                    'invisible': Eval('state') != 'planned',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state').in_(list(LOCKED_STATES)),
                    'depends': ['state'],
                    },
                'amend': {
                    'invisible': Eval('state') != 'done',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_state(cls):
        return 'planned'

    @fields.depends('service', 'treatment_type', 'procedure')
    def on_change_service(self):
        if self.service:
            template = self.service.template
            self.treatment_type = template.treatment_type
            self.procedure = template.service_procedure

    @fields.depends('client', 'address')
    def on_change_client(self):
        if self.client and (
                not self.address or self.address.party != self.client):
            self.address = self.client.address_get()

    @fields.depends('planned_start', 'planned_end')
    def on_change_planned_start(self):
        if self.planned_start and not self.planned_end:
            self.planned_end = (
                self.planned_start + self.planned_duration())

    @classmethod
    def planned_duration(cls):
        Configuration = Pool().get('sale.configuration')
        return Configuration(1).get_visit_duration()

    def get_planned_local(self, name):
        if not self.planned_start:
            return
        local = to_local(self.planned_start, company_timezone(self.company))
        return local.date() if name == 'planned_date' else local.time()

    @classmethod
    def search_planned_date(cls, name, clause):
        # The local date of a visit is its UTC start shifted by the
        # company's offset, close enough to search within a day
        _, operator, value = clause
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        tzinfo = company_timezone(Company(company_id) if company_id else None)
        if isinstance(value, dt.date):
            bounds = (
                to_utc(value, dt.time.min, tzinfo),
                to_utc(value + dt.timedelta(days=1), dt.time.min, tzinfo))
            return {
                '=': [('planned_start', '>=', bounds[0]),
                    ('planned_start', '<', bounds[1])],
                '>=': [('planned_start', '>=', bounds[0])],
                '>': [('planned_start', '>=', bounds[1])],
                '<': [('planned_start', '<', bounds[0])],
                '<=': [('planned_start', '<', bounds[1])],
                }.get(operator, [('id', '=', -1)])
        return [('planned_start', operator, value)]

    @classmethod
    def get_double_booked(cls, interventions, name):
        "Which visits overlap another active visit of the same technician"
        table = cls.__table__()
        other = cls.__table__()
        cursor = Transaction().connection.cursor()
        result = dict.fromkeys(map(int, interventions), False)
        active = ['planned', 'in_progress']
        for sub_ids in grouped_slice(
                list(result), backend.MAX_QUERY_PARAMS // 2):
            cursor.execute(*table.join(other, condition=(
                        (table.employee == other.employee)
                        & (table.id != other.id)
                        & (table.planned_start < other.planned_end)
                        & (other.planned_start < table.planned_end)
                        & other.state.in_(active))
                    ).select(table.id,
                    where=SQL_OPERATORS['in'](table.id, list(sub_ids))
                    & table.state.in_(active),
                    group_by=[table.id]))
            for intervention_id, in cursor:
                result[intervention_id] = True
        return result

    @classmethod
    def create(cls, vlist):
        pool = Pool()
        Company = pool.get('company.company')
        Configuration = pool.get('sale.configuration')
        vlist = [v.copy() for v in vlist]
        missing = [v for v in vlist if not v.get('number')]
        if missing:
            sequence = Configuration(1).get_intervention_sequence()
            for values, number in zip(
                    missing, sequence.get_many(len(missing))):
                values['number'] = number
        for values in vlist:
            values.setdefault('state', 'planned')
            if not values.get('original_date') and values.get(
                    'planned_start'):
                # A visit planned by hand promises its planned local day
                company_id = values.get('company', cls.default_company())
                tzinfo = company_timezone(
                    Company(company_id) if company_id else None)
                values['original_date'] = to_local(
                    values['planned_start'], tzinfo).date()
        return super().create(vlist)

    @classmethod
    def check_modification(cls, mode, interventions, values=None,
            external=False):
        super().check_modification(
            mode, interventions, values=values, external=external)
        if mode == 'write':
            for intervention in interventions:
                if intervention.state in LOCKED_STATES:
                    raise InterventionLockedError(gettext(
                            'terra_client_mgmt.msg_intervention_locked',
                            intervention=intervention.rec_name))
            if ({'planned_start', 'planned_end'} & values.keys()
                    and not Transaction().context.get('_terra_reschedule')):
                raise InterventionRescheduleError(gettext(
                        'terra_client_mgmt.msg_intervention_use_reschedule'))
        elif mode == 'delete':
            for intervention in interventions:
                if intervention.state != 'planned':
                    raise AccessError(gettext(
                            'terra_client_mgmt.msg_intervention_delete',
                            intervention=intervention.rec_name))

    @classmethod
    def copy(cls, interventions, default=None):
        default = default.copy() if default is not None else {}
        for name in [
                'number', 'certificate_number', 'subscription_line',
                'sale_line', 'original_date', 'actual_start', 'actual_end',
                'checklist', 'products', 'reschedules', 'amendments',
                'cancel_reason', 'client_signature']:
            default.setdefault(name, None)
        default.setdefault('state', 'planned')
        return super().copy(interventions, default=default)

    @classmethod
    def validate_fields(cls, interventions, field_names):
        super().validate_fields(interventions, field_names)

        def changed(*names):
            return field_names is None or bool(field_names & set(names))
        # Only when planning data change: ticking a step or recording a
        # product must not check the assignment (and warn) again
        if changed('planned_start', 'planned_end'):
            cls.check_planned_times(interventions)
        if changed('planned_start', 'subscription'):
            cls.check_contract_dates(interventions)
        if changed('employee', 'treatment_type', 'planned_start',
                'planned_end'):
            cls.check_assignment(interventions)

    @classmethod
    def check_planned_times(cls, interventions):
        # Not a domain on planned_end: it would cost the planner one query
        # per distinct start time
        for intervention in interventions:
            if intervention.planned_end <= intervention.planned_start:
                raise InterventionPlanningError(gettext(
                        'terra_client_mgmt.msg_intervention_end_before_start',
                        intervention=intervention.rec_name))

    @classmethod
    def check_contract_dates(cls, interventions):
        "A contract's visit happens while the contract lasts"
        lang = Pool().get('ir.lang').get()
        for intervention in interventions:
            contract = intervention.subscription
            if not contract or intervention.state in LOCKED_STATES:
                continue
            date = intervention.planned_date
            if (date < contract.start_date
                    or (contract.end_date and date > contract.end_date)):
                raise InterventionPlanningError(gettext(
                        'terra_client_mgmt.msg_intervention_outside_contract',
                        intervention=intervention.rec_name,
                        date=lang.strftime(date),
                        contract=contract.rec_name,
                        start=lang.strftime(contract.start_date),
                        end=(lang.strftime(contract.end_date)
                            if contract.end_date else '')))

    @classmethod
    def check_assignment(cls, interventions):
        pool = Pool()
        Warning = pool.get('res.user.warning')
        double_booked = []
        for intervention in interventions:
            if (not intervention.employee
                    or intervention.state in LOCKED_STATES):
                continue
            error = intervention.employee.qualification_error(
                intervention.treatment_type, intervention.planned_date)
            if error:
                raise InterventionAssignmentError(error)
            if intervention.double_booked:
                double_booked.append(intervention)
        if double_booked:
            key = Warning.format('terra_double_booking', double_booked)
            if Warning.check(key):
                lang = pool.get('ir.lang').get()
                intervention = double_booked[0]
                raise InterventionDoubleBookingWarning(key, gettext(
                        'terra_client_mgmt.msg_intervention_double_booked',
                        employee=intervention.employee.rec_name,
                        intervention=intervention.rec_name,
                        date=lang.strftime(intervention.planned_date),
                        time=intervention.planned_time.strftime('%H:%M')))

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, interventions):
        pool = Pool()
        Checklist = pool.get('terra.intervention.checklist')
        now = dt.datetime.now().replace(microsecond=0)
        checklist = []
        for intervention in interventions:
            if not intervention.employee:
                raise InterventionFinishError(gettext(
                        'terra_client_mgmt.msg_intervention_no_technician',
                        intervention=intervention.rec_name))
            if intervention.procedure and not intervention.checklist:
                checklist.extend(Checklist(
                        intervention=intervention,
                        sequence=item.sequence,
                        name=item.name,
                        mandatory=item.mandatory)
                    for item in intervention.procedure.items)
            if not intervention.actual_start:
                intervention.actual_start = now
        cls.save(interventions)
        # Technicians tick steps but cannot add or remove them
        with without_check_access():
            Checklist.save(checklist)

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def finish(cls, interventions):
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        now = dt.datetime.now().replace(microsecond=0)
        for intervention in interventions:
            intervention.check_finish()
            if not intervention.actual_end:
                intervention.actual_end = max(
                    now, intervention.actual_start + dt.timedelta(minutes=1))
        cls.save(interventions)
        sequence = Configuration(1).get_certificate_sequence()
        for intervention, number in zip(
                interventions, sequence.get_many(len(interventions))):
            intervention.certificate_number = number
        cls.save(interventions)

    def check_finish(self):
        "The evidence ISO 9001 asks of a visit is complete"
        def error(message, **kwargs):
            return InterventionFinishError(gettext(
                    'terra_client_mgmt.' + message,
                    intervention=self.rec_name, **kwargs))
        if not self.actual_start:
            raise error('msg_intervention_start_required')
        undone = [i.name for i in self.checklist if i.mandatory and not i.done]
        if undone:
            raise error(
                'msg_intervention_checklist_undone', items=', '.join(undone))
        if self.treatment_type.requires_products and not self.products:
            raise error(
                'msg_intervention_products_required',
                treatment=self.treatment_type.rec_name)
        if not self.client_representative:
            raise error('msg_intervention_representative_required')

    @classmethod
    @ModelView.button_action(
        'terra_client_mgmt.wizard_intervention_reschedule')
    def reschedule(cls, interventions):
        pass

    @classmethod
    @ModelView.button_action('terra_client_mgmt.wizard_intervention_cancel')
    def cancel(cls, interventions):
        pass

    @classmethod
    @ModelView.button_action('terra_client_mgmt.wizard_intervention_amend')
    def amend(cls, interventions):
        pass

    @classmethod
    @Workflow.transition('cancelled')
    def do_cancel(cls, interventions, reason):
        cls.write(interventions, {'cancel_reason': reason})

    @classmethod
    def plan_visits(cls, date=None):
        "Plan the visits of running contracts over the planning horizon"
        pool = Pool()
        Date = pool.get('ir.date')
        Line = pool.get('sale.subscription.line')
        Configuration = pool.get('sale.configuration')
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        if company_id is None:
            # trytond-cron runs without a company when the scheduled action
            # lists none: plan for every company
            visits = []
            for company in Company.search([]):
                with Transaction().set_context(company=company.id):
                    visits.extend(cls.plan_visits(date=date))
            return visits
        company = Company(company_id)
        today = date or Date.today()
        config = Configuration(1)
        horizon = today + dt.timedelta(days=config.get_visit_horizon())
        query = Line.search([
                ('subscription.state', '=', 'running'),
                ('subscription.company', '=', company.id),
                ('consumption_recurrence', '!=', None),
                ('service.product.template.treatment_type', '!=', None),
                ('start_date', '<=', horizon),
                ], order=[('id', 'ASC')], query=True)
        cursor = Transaction().connection.cursor()
        cursor.execute(*query)
        line_ids = [i for i, in cursor]
        planner = VisitPlanner(company, config)
        visits = []
        # By slices: Tryton's cost of a list of records grows with the square
        # of its length, and memory stays bounded
        for sub_ids in grouped_slice(line_ids, PLANNING_SLICE):
            lines = Line.browse(list(sub_ids))
            planned = cls._planned_dates(lines, today)
            vlist = []
            for line in lines:
                vlist.extend(cls._plan_line(
                        line, planner, today, horizon, planned))
            visits.extend(cls.create(vlist))
        return visits

    @classmethod
    def _plan_line(cls, line, planner, today, horizon, planned):
        "The values of the visits the line promises until horizon"
        contract = line.subscription
        ends = [d for d in [line.end_date, contract.end_date] if d]
        last = min(ends + [horizon])
        rruleset = line.consumption_recurrence.rruleset(line.start_date)
        for occurrence in rruleset.between(
                dt.datetime.combine(today, dt.time()),
                dt.datetime.combine(last, dt.time()), inc=True):
            original = occurrence.date()
            if (line.id, original) in planned:
                continue
            yield planner.values(
                original, line.service.product, contract.party,
                contract.premises or contract.invoice_address,
                first=max(contract.start_date, line.start_date),
                last=min(ends) if ends else None,
                subscription=contract.id, subscription_line=line.id)

    @classmethod
    def _planned_dates(cls, lines, since):
        "The (line, original date) pairs that already have a visit"
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        planned = set()
        for sub_lines in grouped_slice(lines, backend.MAX_QUERY_PARAMS):
            cursor.execute(*table.select(
                    table.subscription_line, table.original_date,
                    where=SQL_OPERATORS['in'](
                        table.subscription_line, [l.id for l in sub_lines])
                    & (table.original_date >= since)))
            planned.update(
                (line, _to_date(date)) for line, date in cursor)
        return planned

    @classmethod
    def plan_sales(cls, sales):
        "Plan a visit for each service line of one-off sales without one"
        pool = Pool()
        Date = pool.get('ir.date')
        Configuration = pool.get('sale.configuration')
        today = Date.today()
        lines = [
            l for s in sales for l in s.lines
            if l.type == 'line' and l.product
            and l.product.template.treatment_type]
        existing = {
            i.sale_line.id for sub_lines in grouped_slice(
                lines, backend.MAX_QUERY_PARAMS)
            for i in cls.search([
                    ('sale_line', 'in', [l.id for l in sub_lines]),
                    ])}
        config = Configuration(1)
        vlist = []
        for company, sale_lines in groupby(
                lines, key=lambda l: l.sale.company):
            planner = VisitPlanner(company, config)
            for line in sale_lines:
                if line.id in existing:
                    continue
                sale = line.sale
                vlist.append(planner.values(
                        max(sale.sale_date or today, today), line.product,
                        sale.party,
                        sale.shipment_address or sale.invoice_address,
                        sale=sale.id, sale_line=line.id))
        return cls.create(vlist)


def _to_date(value):
    # SQLite returns dates as text
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def open_day(date, closed, first=None, last=None):
    """The nearest day to date that is not a closed weekday, later first,
    earlier if later leaves [first, last]; date itself when none is"""
    if len(set(closed)) >= 7:
        return date
    for step in [1, -1]:
        day = date
        while day.weekday() in closed:
            day += dt.timedelta(days=step)
        if ((first is None or day >= first)
                and (last is None or day <= last)):
            return day
    return date


class VisitPlanner:
    "Turns a promised date into a visit within the premises' hours"

    def __init__(self, company, config):
        self.company = company
        self.tzinfo = company_timezone(company)
        self.duration = config.get_visit_duration()
        self.start_time = config.get_visit_start_time()

    def values(self, original, product, party, address, first=None,
            last=None, **values):
        template = product.template
        closed = {int(d) for d in address.closed_days or []} if address else ()
        day = open_day(original, closed, first, last)
        start_time = (
            address.visit_time_from if address and address.visit_time_from
            else self.start_time)
        start = to_utc(day, start_time, self.tzinfo)
        values.update({
                'company': self.company.id,
                'client': party.id,
                'address': address.id if address else None,
                'service': product.id,
                'treatment_type': template.treatment_type.id,
                'procedure': (
                    template.service_procedure.id
                    if template.service_procedure else None),
                'original_date': original,
                'planned_start': start,
                'planned_end': start + self.duration,
                'state': 'planned',
                })
        return values


class InterventionSubRecord:
    "A line of a visit: it follows the visit's access and lock"
    __slots__ = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('intervention')

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        for record in records:
            if record.intervention.state in LOCKED_STATES:
                raise InterventionLockedError(gettext(
                        'terra_client_mgmt.msg_intervention_locked',
                        intervention=record.intervention.rec_name))


class Checklist(InterventionSubRecord, sequence_ordered(), ModelSQL,
        ModelView):
    "A step of the standard procedure on a visit (PRO 008 5.3.2)"
    __name__ = 'terra.intervention.checklist'
    __string__ = "Visit Checklist Item"

    intervention = fields.Many2One(
        'terra.intervention', "Visit", required=True, ondelete='CASCADE')
    name = fields.Char("Step", required=True, readonly=True)
    mandatory = fields.Boolean("Mandatory", readonly=True)
    done = fields.Boolean("Done")
    notes = fields.Char("Notes")

    @classmethod
    def default_done(cls):
        return False

    @classmethod
    def check_modification(cls, mode, items, values=None, external=False):
        super().check_modification(
            mode, items, values=values, external=external)
        if mode == 'write' and {
                'intervention', 'name', 'mandatory'} & values.keys():
            raise InterventionLockedError(gettext(
                    'terra_client_mgmt.msg_checklist_modify'))


class ProductUsed(InterventionSubRecord, ModelSQL, ModelView):
    "A product applied during a visit (PRO 008 5.3.3)"
    __name__ = 'terra.intervention.product'
    __string__ = "Product Used"

    intervention = fields.Many2One(
        'terra.intervention', "Visit", required=True, ondelete='CASCADE')
    product = fields.Many2One(
        'product.product', "Product", required=True,
        domain=[
            ('type', '!=', 'service'),
            ])
    # Copied from the product so the record shows what was applied even if
    # the product sheet changes later
    registration_number = fields.Char("Registration Number")
    active_ingredient = fields.Char("Active Ingredient")
    concentration = fields.Char("Concentration")
    reentry_period = fields.Char("Safety / Re-entry Period")
    dose = fields.Char("Dose / Dilution", help="For example 10 ml/l.")
    quantity = fields.Float("Quantity", digits='unit', required=True)
    unit = fields.Many2One(
        'product.uom', "Unit", required=True,
        domain=[
            If(Bool(Eval('product_uom_category')),
                ('category', '=', Eval('product_uom_category', -1)),
                ()),
            ])
    product_uom_category = fields.Function(
        fields.Many2One('product.uom.category', "Product UoM Category"),
        'on_change_with_product_uom_category')
    application_method = fields.Selection([
            (None, ""),
            ('spray', "Spraying"),
            ('fogging', "Fogging / Nebulisation"),
            ('bait', "Bait Station"),
            ('gel', "Gel"),
            ('dusting', "Dusting"),
            ('trap', "Trap"),
            ('fumigation', "Fumigation"),
            ('wiping', "Wiping / Surface Application"),
            ('other', "Other"),
            ], "Application Method")
    treated_area = fields.Char("Treated Area")
    target_pest = fields.Char("Target Pest")
    lot = fields.Char("Lot")

    @fields.depends('product', 'unit')
    def on_change_product(self):
        if self.product:
            template = self.product.template
            self.registration_number = template.registration_number
            self.active_ingredient = template.active_ingredient
            self.concentration = template.concentration
            self.reentry_period = template.reentry_period
            if (not self.unit
                    or self.unit.category != template.default_uom.category):
                self.unit = template.default_uom

    @fields.depends('product')
    def on_change_with_product_uom_category(self, name=None):
        return self.product.default_uom_category if self.product else None

    @classmethod
    def create(cls, vlist):
        pool = Pool()
        Product = pool.get('product.product')
        vlist = [v.copy() for v in vlist]
        products = Product.browse({v['product'] for v in vlist})
        templates = {p.id: p.template for p in products}
        for values in vlist:
            template = templates[values['product']]
            for name in [
                    'registration_number', 'active_ingredient',
                    'concentration', 'reentry_period']:
                if not values.get(name):
                    values[name] = getattr(template, name)
        return super().create(vlist)

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        if field_names and 'quantity' not in field_names:
            return
        for record in records:
            if record.quantity is not None and record.quantity <= 0:
                raise ProductUsedValidationError(gettext(
                        'terra_client_mgmt.msg_intervention_quantity',
                        product=record.product.rec_name,
                        intervention=record.intervention.rec_name))


class ScheduleChange(ModelSQL, ModelView):
    "The trace of a visit moved to another date"
    __name__ = 'terra.intervention.schedule_change'
    __string__ = "Visit Reschedule"

    intervention = fields.Many2One(
        'terra.intervention', "Visit", required=True, ondelete='CASCADE')
    previous_start = fields.DateTime("Previous Start", readonly=True)
    new_start = fields.DateTime("New Start", readonly=True)
    reason = fields.Text("Reason", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('intervention')
        cls._order.insert(0, ('create_date', 'DESC'))

    @classmethod
    def check_modification(cls, mode, changes, values=None, external=False):
        super().check_modification(
            mode, changes, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise InterventionLockedError(gettext(
                    'terra_client_mgmt.msg_schedule_change_modify'))


class Amendment(ModelSQL, ModelView):
    "A documented correction of a done visit; the visit itself keeps its data"
    __name__ = 'terra.intervention.amendment'
    __string__ = "Visit Amendment"

    intervention = fields.Many2One(
        'terra.intervention', "Visit", required=True, ondelete='CASCADE',
        readonly=True)
    field = fields.Selection('get_amendable_fields', "Field", readonly=True)
    original_value = fields.Text("Original Value", readonly=True)
    corrected_value = fields.Text("Corrected Value", readonly=True)
    reason = fields.Text("Reason", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    date = fields.DateTime("Date", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('intervention')
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def amendable_fields(cls):
        return [
            'findings', 'recommendations', 'client_representative',
            'client_representative_identifier', 'actual_start', 'actual_end']

    @classmethod
    def get_amendable_fields(cls):
        Intervention = Pool().get('terra.intervention')
        strings = Intervention.fields_get(cls.amendable_fields())
        return [(None, '')] + [
            (n, strings[n]['string']) for n in cls.amendable_fields()] + [
            ('other', gettext('terra_client_mgmt.msg_amendment_other'))]

    @classmethod
    def check_modification(cls, mode, amendments, values=None,
            external=False):
        super().check_modification(
            mode, amendments, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise InterventionLockedError(gettext(
                    'terra_client_mgmt.msg_amendment_modify'))


class RescheduleStart(ModelView):
    __name__ = 'terra.intervention.reschedule.start'
    __string__ = "Reschedule Visit"

    planned_start = fields.DateTime("New Start", required=True)
    planned_end = fields.DateTime(
        "New End", required=True,
        domain=[
            If(Bool(Eval('planned_start')),
                ('planned_end', '>', Eval('planned_start')),
                ()),
            ])
    reason = fields.Text("Reason", required=True)


class RescheduleWizard(Wizard):
    "Move a planned visit and keep why"
    __name__ = 'terra.intervention.reschedule'
    start = StateView('terra.intervention.reschedule.start',
        'terra_client_mgmt.intervention_reschedule_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Reschedule", 'reschedule', 'tryton-ok', default=True),
            ])
    reschedule = StateTransition()

    def default_start(self, fields):
        return {
            'planned_start': self.record.planned_start,
            'planned_end': self.record.planned_end,
            }

    def transition_reschedule(self):
        pool = Pool()
        ScheduleChange = pool.get('terra.intervention.schedule_change')
        intervention = self.record
        if intervention.state != 'planned':
            raise InterventionRescheduleError(gettext(
                    'terra_client_mgmt.msg_intervention_reschedule_state',
                    intervention=intervention.rec_name))
        ScheduleChange.create([{
                    'intervention': intervention.id,
                    'previous_start': intervention.planned_start,
                    'new_start': self.start.planned_start,
                    'reason': self.start.reason,
                    'user': Transaction().user,
                    }])
        with Transaction().set_context(_terra_reschedule=True):
            self.model.write([intervention], {
                    'planned_start': self.start.planned_start,
                    'planned_end': self.start.planned_end,
                    })
        return 'end'


class CancelStart(ModelView):
    __name__ = 'terra.intervention.cancel.start'
    __string__ = "Cancel Visit"

    reason = fields.Text("Reason", required=True)


class CancelWizard(Wizard):
    "Cancel a visit and keep why"
    __name__ = 'terra.intervention.cancel'
    start = StateView('terra.intervention.cancel.start',
        'terra_client_mgmt.intervention_cancel_start_view_form', [
            Button("Back", 'end', 'tryton-back'),
            Button("Cancel Visit", 'cancel', 'tryton-cancel', default=True),
            ])
    cancel = StateTransition()

    def transition_cancel(self):
        self.model.do_cancel(self.records, self.start.reason)
        return 'end'


class AmendStart(ModelView):
    __name__ = 'terra.intervention.amend.start'
    __string__ = "Amend Visit"

    field = fields.Selection(
        'get_amendable_fields', "Field", required=True)
    corrected_value = fields.Text("Corrected Value", required=True)
    reason = fields.Text("Reason", required=True)

    @classmethod
    def get_amendable_fields(cls):
        Amendment = Pool().get('terra.intervention.amendment')
        return Amendment.get_amendable_fields()


class AmendWizard(Wizard):
    "Correct a done visit with a documented amendment"
    __name__ = 'terra.intervention.amend'
    start = StateView('terra.intervention.amend.start',
        'terra_client_mgmt.intervention_amend_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Amend", 'amend', 'tryton-ok', default=True),
            ])
    amend = StateTransition()

    def transition_amend(self):
        pool = Pool()
        Amendment = pool.get('terra.intervention.amendment')
        intervention = self.record
        field = self.start.field
        previous = [a for a in intervention.amendments if a.field == field]
        if previous:
            original = previous[-1].corrected_value
        elif field in Amendment.amendable_fields():
            original = getattr(intervention, field)
        else:
            original = None
        if isinstance(original, dt.datetime):
            # As the company's clock showed it, like the correction typed
            original = to_local(
                original, company_timezone(intervention.company)).strftime(
                '%Y-%m-%d %H:%M')
        Amendment.create([{
                    'intervention': intervention.id,
                    'field': field,
                    'original_value': (
                        str(original) if original is not None else None),
                    'corrected_value': self.start.corrected_value,
                    'reason': self.start.reason,
                    'user': Transaction().user,
                    'date': dt.datetime.now().replace(microsecond=0),
                    }])
        return 'end'


class CertificateReport(ClientDocumentReport):
    "Service certificate of a finished visit (PRO 008 5.3.3)"
    __name__ = 'terra.intervention.certificate'

    @classmethod
    def execute(cls, ids, data):
        pool = Pool()
        Intervention = pool.get('terra.intervention')
        for intervention in Intervention.browse(ids):
            if intervention.state != 'done':
                raise InterventionFinishError(gettext(
                        'terra_client_mgmt.msg_certificate_not_done',
                        intervention=intervention.rec_name))
        return super().execute(ids, data)
