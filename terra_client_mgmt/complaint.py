import datetime as dt
import html
from collections import defaultdict
from decimal import Decimal

from trytond import config
from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, MatchMixin, ModelSQL, ModelView, Unique, Workflow,
    fields, sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.modules.company.model import reset_employee, set_employee
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import ComplaintRoutingError, ComplaintValidationError
from .localtime import company_timezone, to_local

KINDS = [
    ('complaint', "Complaint"),
    ('claim', "Claim"),
    ('query', "Query"),
    ('service_request', "Service Request"),
    ]
# ISO 9001 10.2: the cause of a complaint or claim is found and corrected
CORRECTIVE_KINDS = ['complaint', 'claim']
CHANNELS = [
    ('phone', "Phone"),
    ('email', "E-mail"),
    ('whatsapp', "WhatsApp"),
    ('visit', "During a Visit"),
    ('web', "Web Form"),
    ('survey', "Survey"),
    ]
PRIORITIES = [
    ('low', "Low"),
    ('normal', "Normal"),
    ('high', "High"),
    ('urgent', "Urgent"),
    ]
INFORMED_CHANNELS = [
    (None, ""),
    ('phone', "Phone"),
    ('email', "E-mail"),
    ('whatsapp', "WhatsApp"),
    ('in_person', "In Person"),
    ('letter', "Letter"),
    ]
OPEN_STATES = ['draft', 'waiting']
# The origins of a complaint whose type names no origin model
ORIGIN_MODELS = ['terra.intervention', 'sale.subscription', 'sale.sale']


class Area(DeactivableMixin, ModelSQL, ModelView):
    "An area of the company that complaints and requests are routed to"
    __name__ = 'sale.complaint.area'
    __string__ = "Complaint Area"

    name = fields.Char("Name", required=True, translate=True)
    group = fields.Many2One(
        'res.group', "Group", required=True, ondelete='RESTRICT',
        help="The members of this group work the items of the area.")
    head = fields.Many2One(
        'company.employee', "Head", ondelete='RESTRICT',
        help="Answers for the area's items and is told of every overdue "
        "one.")


class RoutingRule(sequence_ordered(), MatchMixin, ModelSQL, ModelView):
    "Which area and person an item goes to, by kind and type"
    __name__ = 'sale.complaint.routing.rule'
    __string__ = "Complaint Routing Rule"

    kind = fields.Selection(KINDS, "Kind", required=True)
    type = fields.Many2One(
        'sale.complaint.type', "Type", ondelete='CASCADE',
        help="Leave empty for every type.")
    area = fields.Many2One(
        'sale.complaint.area', "Area", required=True, ondelete='CASCADE')
    responsible = fields.Many2One(
        'company.employee', "Responsible", ondelete='RESTRICT',
        help="Leave empty for the head of the area.")


class ServiceLevel(ModelSQL, ModelView):
    "The time within which an item of a kind and priority is resolved"
    __name__ = 'sale.complaint.service_level'
    __string__ = "Complaint Service Level"

    kind = fields.Selection(KINDS, "Kind", required=True)
    priority = fields.Selection(PRIORITIES, "Priority", required=True)
    hours = fields.Integer(
        "Hours", required=True, domain=[('hours', '>', 0)],
        help="Calendar hours from reception to resolution.")

    _hours_cache = Cache('sale.complaint.service_level.hours', context=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('kind_priority_unique', Unique(t, t.kind, t.priority),
                'terra_client_mgmt.msg_service_level_unique'),
            ]

    @classmethod
    def get_hours(cls, kind, priority):
        targets = cls._hours_cache.get(None)
        if targets is None:
            targets = {
                f'{l.kind}|{l.priority}': l.hours for l in cls.search([])}
            cls._hours_cache.set(None, targets)
        return targets.get(f'{kind}|{priority}')

    @classmethod
    def on_modification(cls, mode, levels, field_names=None):
        super().on_modification(mode, levels, field_names=field_names)
        cls._hours_cache.clear()


class Type(metaclass=PoolMeta):
    __name__ = 'sale.complaint.type'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # A type is a subject (punctuality, treatment result…) raised
        # against any of TERRA's records, not only a sale or an invoice
        cls.origin.required = False
        cls.origin.domain = [
            ('name', 'in', cls.origin.domain[0][2] + ORIGIN_MODELS)]
        cls.origin.help = "Leave empty to allow a visit, a contract or a sale."


class Complaint(metaclass=PoolMeta):
    __name__ = 'sale.complaint'

    _draft = {'readonly': Eval('state') != 'draft'}
    _working = {'readonly': ~Eval('state').in_(OPEN_STATES)}
    _corrective = {
        'invisible': ~Eval('kind').in_(CORRECTIVE_KINDS),
        'readonly': Eval('state') == 'cancelled',
        }

    kind = fields.Selection(KINDS, "Kind", required=True, states=_draft)
    kind_string = kind.translated('kind')
    channel = fields.Selection(
        CHANNELS, "Channel", required=True, states=_draft,
        help="How the client told TERRA.")
    priority = fields.Selection(
        PRIORITIES, "Priority", required=True, states=_working)
    received_at = fields.DateTime(
        "Received At", required=True, states=_draft)
    area = fields.Many2One(
        'sale.complaint.area', "Area", readonly=True, ondelete='RESTRICT',
        help="Set by routing the item.")
    responsible = fields.Many2One(
        'company.employee', "Responsible", readonly=True,
        ondelete='RESTRICT', help="Set by routing the item.")
    routings = fields.One2Many(
        'sale.complaint.routing', 'complaint', "Routing", readonly=True)
    sla_due = fields.DateTime(
        "Due", readonly=True,
        help="The time by which the item must be resolved, from the service "
        "level of its kind and priority.")
    overdue = fields.Function(
        fields.Boolean("Overdue"), 'get_overdue', searcher='search_overdue')
    escalated_due = fields.DateTime(
        "Escalated For", readonly=True,
        help="The due time whose breach was notified.")
    resolution = fields.Text(
        "Resolution",
        states={
            'readonly': Eval('state') != 'waiting',
            'required': Eval('state').in_(['approved', 'done']),
            })
    resolved_at = fields.DateTime(
        "Resolved At",
        states={
            'readonly': Eval('state') != 'waiting',
            'required': Eval('state').in_(['approved', 'done']),
            })
    resolution_hours = fields.Numeric(
        "Resolution Time (h)", digits=(16, 2), readonly=True,
        help="Hours from reception to resolution.")
    within_sla = fields.Boolean(
        "Resolved in Time", readonly=True,
        help="Resolved by the due time.")
    informed_at = fields.DateTime(
        "Client Informed At",
        states={
            'readonly': ~Eval('state').in_(['waiting', 'approved']),
            'required': Eval('state') == 'done',
            })
    informed_channel = fields.Selection(
        INFORMED_CHANNELS, "Client Informed Via",
        states={
            'readonly': ~Eval('state').in_(['waiting', 'approved']),
            'required': Bool(Eval('informed_at')),
            })
    visit = fields.Many2One(
        'terra.intervention', "Visit", ondelete='RESTRICT',
        domain=[
            If(Eval('customer'), ('client', '=', Eval('customer', -1)), ()),
            ],
        states={'readonly': Eval('state').in_(['done', 'cancelled'])},
        help="The visit concerned.")
    technician = fields.Many2One(
        'company.employee', "Technician", ondelete='RESTRICT',
        states={'readonly': Eval('state').in_(['done', 'cancelled'])},
        help="The technician concerned.")
    product = fields.Many2One(
        'product.product', "Product", ondelete='RESTRICT',
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        states={'readonly': Eval('state').in_(['done', 'cancelled'])},
        help="The service or chemical product concerned.")
    root_cause = fields.Text("Root Cause", states=_corrective)
    corrective_action = fields.Text("Corrective Action", states=_corrective)
    action_owner = fields.Many2One(
        'company.employee', "Action Owner", ondelete='RESTRICT',
        states={
            **_corrective,
            'required': Bool(Eval('corrective_action')),
            })
    action_due = fields.Date(
        "Action Due",
        states={
            **_corrective,
            'required': Bool(Eval('corrective_action')),
            })
    effectiveness_date = fields.Date(
        "Effectiveness Checked On",
        states={
            **_corrective,
            'required': Bool(Eval('effectiveness_result')),
            })
    effectiveness_result = fields.Selection([
            (None, ""),
            ('effective', "Effective"),
            ('not_effective', "Not Effective"),
            ], "Effectiveness", states=_corrective,
        help="Whether the corrective action removed the cause.")
    effectiveness_note = fields.Text("Effectiveness Note", states=_corrective)
    opportunity = fields.Many2One(
        'sale.opportunity', "Lead", readonly=True, ondelete='RESTRICT',
        states={'invisible': Eval('kind') != 'service_request'},
        help="The lead made from this service request.")

    del _draft, _working, _corrective

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.origin.domain.update({
                'terra.intervention': [
                    If(Eval('customer'),
                        ('client', '=', Eval('customer', -1)),
                        ()),
                    ('company', '=', Eval('company', -1)),
                    ],
                'sale.subscription': [
                    If(Eval('customer'),
                        ('party', '=', Eval('customer', -1)),
                        ()),
                    ('company', '=', Eval('company', -1)),
                    ],
                })
        # A complaint may also be about a quotation
        sale_domain = cls.origin.domain['sale.sale']
        cls.origin.domain['sale.sale'] = [
            ('state', 'in', ['quotation', 'confirmed', 'processing', 'done'])
            if isinstance(c, tuple) and c[0] == 'state' else c
            for c in sale_domain]
        cls.date.readonly = True
        cls.date.help = "The day the item was received."
        cls.state.selection = [
            ('draft', "Received"),
            ('waiting', "In Progress"),
            ('approved', "Resolved"),
            ('rejected', "Rejected"),
            ('done', "Closed"),
            ('cancelled', "Cancelled"),
            ]
        # A closed item is a record (ISO 9001 7.5.3): it is not reopened
        cls._transitions -= {('done', 'draft')}
        cls._transitions |= {('approved', 'waiting')}
        cls._buttons.update({
                'route': {
                    'invisible': ~Eval('state').in_(OPEN_STATES),
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'approved',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'create_lead': {
                    'invisible': ((Eval('kind') != 'service_request')
                        | Bool(Eval('opportunity'))
                        | ~Eval('state').in_(OPEN_STATES)),
                    'icon': 'tryton-forward',
                    'depends': ['kind', 'opportunity', 'state'],
                    },
                })
        # Routing, not a bare button, puts an item in progress; a reject
        # is a resolution ("not founded") so that it is measured like one
        cls._buttons['wait']['invisible'] = True
        cls._buttons['reject']['invisible'] = True
        cls._buttons['draft']['invisible'] = Eval('state') != 'cancelled'

    @classmethod
    def default_kind(cls):
        return 'complaint'

    @classmethod
    def default_channel(cls):
        return 'phone'

    @classmethod
    def default_priority(cls):
        return 'normal'

    @classmethod
    def default_received_at(cls):
        return dt.datetime.now().replace(microsecond=0)

    @classmethod
    def _get_origin(cls):
        return ORIGIN_MODELS

    @fields.depends('type')
    def get_origin(self):
        pool = Pool()
        IrModel = pool.get('ir.model')
        if self.type and self.type.origin:
            return super().get_origin()
        return [('', '')] + [
            (m, IrModel.get_name(m)) for m in self._get_origin()]

    @fields.depends('origin', 'visit', 'technician')
    def on_change_origin(self):
        pool = Pool()
        Intervention = pool.get('terra.intervention')
        Subscription = pool.get('sale.subscription')
        super().on_change_origin()
        if not self.origin or self.origin.id < 0:
            return
        if isinstance(self.origin, Intervention):
            if not self.customer:
                self.customer = self.origin.client
            self.visit = self.origin
            self.on_change_visit()
        elif isinstance(self.origin, Subscription) and not self.customer:
            self.customer = self.origin.party

    def _similar_domain(self):
        # Items without an origin are not alike for that
        if self.origin:
            return super()._similar_domain()

    @fields.depends('visit', 'technician')
    def on_change_visit(self):
        if self.visit and not self.technician:
            self.technician = self.visit.employee

    @fields.depends('received_at', 'company')
    def on_change_received_at(self):
        if self.received_at:
            self.date = self._local_date(self.received_at)

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('//page[@id="corrective"]', 'states', {
                    'invisible': ~Eval('kind').in_(CORRECTIVE_KINDS),
                    }),
            ]

    def _local_date(self, value):
        return to_local(value, company_timezone(self.company)).date()

    def get_overdue(self, name):
        return bool(
            self.state in OPEN_STATES and self.sla_due
            and self.sla_due < dt.datetime.now())

    @classmethod
    def search_overdue(cls, name, clause):
        _, operator, value = clause
        domain = [
            ('state', 'in', OPEN_STATES),
            ('sla_due', '<', dt.datetime.now()),
            ]
        if (operator == '=') != bool(value):
            domain = ['OR',
                ('state', 'not in', OPEN_STATES),
                ('sla_due', '=', None),
                ('sla_due', '>=', dt.datetime.now()),
                ]
        return domain

    def compute_fields(self, field_names=None):
        pool = Pool()
        ServiceLevel = pool.get('sale.complaint.service_level')
        values = super().compute_fields(field_names=field_names)

        def changed(*names):
            return field_names is None or not field_names.isdisjoint(names)

        due = self.sla_due
        if changed('kind', 'priority', 'received_at', 'company'):
            values['date'] = self._local_date(self.received_at)
            hours = ServiceLevel.get_hours(self.kind, self.priority)
            due = (self.received_at + dt.timedelta(hours=hours)
                if hours else None)
            values['sla_due'] = due
        if changed('kind', 'priority', 'received_at', 'resolved_at'):
            if self.resolved_at:
                seconds = (self.resolved_at - self.received_at).total_seconds()
                values['resolution_hours'] = (
                    Decimal(seconds) / 3600).quantize(Decimal('0.01'))
                values['within_sla'] = bool(due and self.resolved_at <= due)
            else:
                values['resolution_hours'] = None
                values['within_sla'] = False
        # Only what differs, so that the write does not compute again
        return {k: v for k, v in values.items() if getattr(self, k) != v}

    @classmethod
    def validate_fields(cls, complaints, field_names):
        super().validate_fields(complaints, field_names)
        cls.check_resolution(complaints)
        cls.check_corrective_action(complaints)

    @classmethod
    def check_resolution(cls, complaints):
        for complaint in complaints:
            name = complaint.rec_name
            if complaint.resolved_at and (
                    complaint.resolved_at < complaint.received_at):
                raise ComplaintValidationError(gettext(
                        'terra_client_mgmt.msg_complaint_resolved_before',
                        complaint=name))
            if complaint.informed_at and (
                    complaint.informed_at < complaint.received_at):
                raise ComplaintValidationError(gettext(
                        'terra_client_mgmt.msg_complaint_informed_before',
                        complaint=name))
            # Tryton skips the required check of read-only fields, and
            # these are read-only once the item is resolved or closed
            if complaint.state in {'approved', 'done'} and not (
                    complaint.resolution and complaint.resolved_at):
                raise ComplaintValidationError(gettext(
                        'terra_client_mgmt.msg_complaint_resolution_required',
                        complaint=name))
            if complaint.state == 'done' and not (
                    complaint.informed_at and complaint.informed_channel):
                raise ComplaintValidationError(gettext(
                        'terra_client_mgmt.msg_complaint_informed_required',
                        complaint=name))

    @classmethod
    def check_corrective_action(cls, complaints):
        for complaint in complaints:
            if (complaint.effectiveness_result
                    and not complaint.corrective_action):
                raise ComplaintValidationError(gettext(
                        'terra_client_mgmt.msg_complaint_effectiveness',
                        complaint=complaint.rec_name))

    @classmethod
    def check_modification(
            cls, mode, complaints, values=None, external=False):
        super().check_modification(
            mode, complaints, values=values, external=external)
        if (mode == 'write' and external
                and not Transaction().context.get('_terra_route')
                and values.keys() & {'area', 'responsible'}):
            raise AccessError(gettext(
                    'terra_client_mgmt.msg_complaint_route_directly'))

    @classmethod
    def copy(cls, complaints, default=None):
        default = default.copy() if default is not None else {}
        for name in [
                'area', 'responsible', 'routings', 'sla_due', 'escalated_due',
                'resolution', 'resolved_at', 'resolution_hours', 'within_sla',
                'informed_at', 'informed_channel', 'opportunity']:
            default.setdefault(name)
        default.setdefault('received_at', cls.default_received_at())
        return super().copy(complaints, default=default)

    @classmethod
    @ModelView.button_action('terra_client_mgmt.wizard_complaint_route')
    def route(cls, complaints):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('approved')
    @set_employee('approved_by')
    def approve(cls, complaints):
        # Not Tryton's approval, which processes the complaint's returns and
        # credit notes at once: here they are processed when the item is
        # closed, after the client is informed
        cls.write([c for c in complaints if not c.resolved_at], {
                'resolved_at': dt.datetime.now().replace(microsecond=0),
                })

    @classmethod
    @ModelView.button
    @Workflow.transition('waiting')
    @reset_employee('approved_by')
    def reopen(cls, complaints):
        cls.write(complaints, {'resolved_at': None})

    @classmethod
    @ModelView.button_action('sale_opportunity.act_opportunity_form')
    def create_lead(cls, complaints):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        opportunities = []
        for complaint in complaints:
            if complaint.kind != 'service_request' or complaint.opportunity:
                continue
            opportunities.append(complaint._get_lead())
        Opportunity.save(opportunities)
        return {
            'res_id': [o.id for o in opportunities],
            'views': [(None, 'form'), (None, 'tree')],
            } if opportunities else None

    def _get_lead(self):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        description = (self.description or '').strip().splitlines()
        lead = Opportunity(
            company=self.company,
            party=self.customer,
            description=(description[0][:100] if description
                else self.rec_name),
            comment=self.description,
            channel='request',
            request_date=self.date,
            requests=[self],
            )
        lead.on_change_party()
        lead.request_medium = self.channel
        return lead

    @classmethod
    def escalate(cls):
        "Notify once each item that passed its due time"
        pool = Pool()
        Email = pool.get('ir.email')
        ModelData = pool.get('ir.model.data')
        Area = pool.get('sale.complaint.area')
        # An item nobody routed yet belongs to customer care
        reception = Area(ModelData.get_id(
                'terra_client_mgmt', 'complaint_area_customer_care'))
        complaints = cls.search([
                ('state', 'in', OPEN_STATES),
                ('sla_due', '<', dt.datetime.now()),
                ], order=[('sla_due', 'ASC'), ('id', 'ASC')])
        # Read everything first: each e-mail saved clears the transaction's
        # cache, and reading after it would read the whole list again
        by_language = defaultdict(list)
        for complaint in complaints:
            if complaint.escalated_due == complaint.sla_due:
                continue
            area = complaint.area or reception
            recipients = [e for e in [complaint.responsible, area.head] if e]
            addresses = list(dict.fromkeys(
                    e.party.email for e in recipients if e.party.email))
            if not addresses:
                continue
            language = (recipients[0].party.lang.code
                if recipients[0].party.lang
                else config.get('database', 'language'))
            by_language[language].append(
                (complaint.id, complaint.sla_due, area.id, addresses))
        messages = []
        for language, items in by_language.items():
            # Read again in the recipient's language: names are translated
            with Transaction().set_context(language=language):
                records = cls.browse([i[0] for i in items])
                areas = Area.browse([i[2] for i in items])
                for record, area, (id_, due, _, addresses) in zip(
                        records, areas, items):
                    messages.append((id_, due, addresses,
                            *record._escalation_message(area)))
        to_write = []
        for id_, due, addresses, subject, body in messages:
            Email.send(
                to=addresses[0], cc=', '.join(addresses[1:]),
                subject=subject, body=body, record=(cls.__name__, id_))
            to_write.extend(([cls(id_)], {'escalated_due': due}))
        if to_write:
            cls.write(*to_write)

    def _escalation_message(self, area):
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        tzinfo = company_timezone(self.company)
        variables = {
            'complaint': self.rec_name,
            'kind': self.kind_string,
            'kind_lower': self.kind_string.lower(),
            'customer': self.customer.rec_name,
            'area': area.rec_name,
            'responsible': (self.responsible.rec_name
                if self.responsible else '-'),
            'received': lang.strftime(
                to_local(self.received_at, tzinfo), lang.date + ' %H:%M'),
            'due': lang.strftime(
                to_local(self.sla_due, tzinfo), lang.date + ' %H:%M'),
            'description': self.description or '',
            }
        subject = gettext(
            'terra_client_mgmt.msg_complaint_escalation_subject', **variables)
        # The body is HTML and the description is the client's text
        body = gettext(
            'terra_client_mgmt.msg_complaint_escalation_body',
            **{k: html.escape(v) for k, v in variables.items()})
        return subject, body.replace('\n', '<br/>\n')


class Routing(ModelSQL, ModelView):
    "The trace of an item routed to an area"
    __name__ = 'sale.complaint.routing'
    __string__ = "Complaint Routing"

    complaint = fields.Many2One(
        'sale.complaint', "Complaint", required=True, ondelete='CASCADE',
        readonly=True)
    date = fields.DateTime("Date", readonly=True)
    area = fields.Many2One(
        'sale.complaint.area', "Area", readonly=True, ondelete='RESTRICT')
    responsible = fields.Many2One(
        'company.employee', "Responsible", readonly=True,
        ondelete='RESTRICT')
    reason = fields.Text("Reason", readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('complaint')
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def check_modification(cls, mode, routings, values=None, external=False):
        super().check_modification(
            mode, routings, values=values, external=external)
        if mode in {'write', 'delete'} and external:
            raise AccessError(gettext(
                    'terra_client_mgmt.msg_complaint_routing_modify'))


class RouteStart(ModelView):
    __name__ = 'sale.complaint.route.start'
    __string__ = "Route Complaint"

    area = fields.Many2One('sale.complaint.area', "Area", required=True)
    responsible = fields.Many2One(
        'company.employee', "Responsible",
        help="Leave empty for the head of the area.")
    rerouting = fields.Boolean("Rerouting", readonly=True)
    reason = fields.Text(
        "Reason", states={'required': Bool(Eval('rerouting'))},
        help="Why the item goes to another area or person.")

    @fields.depends('area', 'responsible')
    def on_change_area(self):
        if self.area and self.area.head:
            self.responsible = self.area.head


class RouteWizard(Wizard):
    "Send an item to the area that must act, and keep the trace"
    __name__ = 'sale.complaint.route'
    start = StateView('sale.complaint.route.start',
        'terra_client_mgmt.complaint_route_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Route", 'route', 'tryton-ok', default=True),
            ])
    route = StateTransition()

    def default_start(self, fields):
        pool = Pool()
        Rule = pool.get('sale.complaint.routing.rule')
        complaint = self.record
        values = {'rerouting': bool(complaint.area)}
        if complaint.area:
            values['area'] = complaint.area.id
            values['responsible'] = (complaint.responsible.id
                if complaint.responsible else None)
            return values
        pattern = {
            'kind': complaint.kind,
            'type': complaint.type.id if complaint.type else None,
            }
        for rule in Rule.search([]):
            if rule.match(pattern):
                values['area'] = rule.area.id
                responsible = rule.responsible or rule.area.head
                values['responsible'] = (
                    responsible.id if responsible else None)
                break
        return values

    def transition_route(self):
        pool = Pool()
        Routing = pool.get('sale.complaint.routing')
        ModelAccess = pool.get('ir.model.access')
        Rule = pool.get('ir.rule')
        complaint = self.record
        ModelAccess.check(self.model.__name__, 'write')
        Rule.check(self.model.__name__, [complaint.id], 'write')
        if complaint.state not in OPEN_STATES:
            raise ComplaintRoutingError(gettext(
                    'terra_client_mgmt.msg_complaint_route_state',
                    complaint=complaint.rec_name))
        area = self.start.area
        responsible = self.start.responsible or area.head
        if not responsible:
            raise ComplaintRoutingError(gettext(
                    'terra_client_mgmt.msg_complaint_area_no_responsible',
                    area=area.rec_name, complaint=complaint.rec_name))
        if complaint.area and not self.start.reason:
            raise ComplaintRoutingError(gettext(
                    'terra_client_mgmt.msg_complaint_reroute_reason',
                    complaint=complaint.rec_name))
        # The user may write the item (checked above) but an area hands it
        # over to another area, whose items it may not write itself
        with without_check_access(), \
                Transaction().set_context(_terra_route=True):
            Routing.create([{
                        'complaint': complaint.id,
                        'date': dt.datetime.now().replace(microsecond=0),
                        'area': area.id,
                        'responsible': responsible.id,
                        'reason': self.start.reason,
                        'user': Transaction().user,
                        }])
            self.model.write([complaint], {
                    'area': area.id,
                    'responsible': responsible.id,
                    })
            if complaint.state == 'draft':
                self.model.wait([complaint])
        return 'end'
