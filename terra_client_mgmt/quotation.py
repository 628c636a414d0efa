import difflib
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.tools.timezone import UTC, get_tzinfo
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import (
    QuotationDeleteError, QuotationReviseError, QuotationValidationError,
    RevisionModificationError)
from .report import ClientDocumentReport

# An issued quotation not accepted: sent to the client or cancelled
REVISABLE_STATES = ['quotation', 'cancelled']


class Revision(ModelSQL, ModelView):
    "An issued version of a quotation, kept as the review record"
    __name__ = 'terra.quotation.revision'
    __string__ = "Quotation Revision"

    quotation = fields.Reference(
        "Quotation", required=True, readonly=True,
        selection=[
            ('sale.sale', "One-off Quotation"),
            ('sale.subscription', "Contract Quotation"),
            ])
    company = fields.Many2One('company.company', "Company", required=True,
        readonly=True)
    number = fields.Integer("Revision", required=True, readonly=True)
    reason = fields.Text("Reason", readonly=True)
    content = fields.Text("Content", readonly=True)
    changes = fields.Text("Changes", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('quotation', 'ASC'),
            ('number', 'DESC'),
            ('id', 'DESC'),
            ]

    def get_rec_name(self, name):
        return gettext(
            'terra_client_mgmt.msg_revision_name', number=self.number)

    @classmethod
    def check_modification(cls, mode, revisions, values=None, external=False):
        super().check_modification(
            mode, revisions, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise RevisionModificationError(gettext(
                    'terra_client_mgmt.msg_revision_modify'))


class QuotationMixin:
    "Proposal data and revision history shared by one-off and contract quotes"
    __slots__ = ()
    _proposal_states = {
        'readonly': Eval('state') != 'draft',
        }

    quotation_scope = fields.Text(
        "Scope", states=_proposal_states,
        help="The services offered and the premises they cover.")
    quotation_benefits = fields.Text(
        "Benefits", states=_proposal_states,
        help="What the client gains from the proposal.")
    validity_date = fields.Date(
        "Valid Until", states=_proposal_states,
        help="The last day the client can accept the quotation.")
    proposed_frequency = fields.Many2One(
        'sale.subscription.recurrence.rule.set', "Proposed Frequency",
        states=_proposal_states, help="How often the visits take place.")
    proposed_duration = fields.Integer(
        "Proposed Duration",
        domain=['OR',
            ('proposed_duration', '=', None),
            ('proposed_duration', '>', 0),
            ],
        states=_proposal_states, help="In months.")
    revision_reason = fields.Text(
        "Reason for Revision", readonly=True,
        states={
            'invisible': ~Eval('revision_reason'),
            },
        help="Why the issued quotation is being revised.")
    revisions = fields.One2Many(
        'terra.quotation.revision', 'quotation', "Revisions", readonly=True)
    revision = fields.Function(
        fields.Integer("Revision"), 'get_revision')
    del _proposal_states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Once issued, a quotation returns to draft only through a revision
        # with its reason, and an accepted one not at all
        cls._buttons['draft']['invisible'] |= Bool(Eval('revisions', []))
        cls._buttons['draft'].setdefault('depends', []).append('revisions')
        cls._buttons.update({
                'revise': {
                    'invisible': (
                        ~Eval('state').in_(REVISABLE_STATES)
                        | ~Eval('revisions', [])),
                    'icon': 'tryton-refresh',
                    'depends': ['state', 'revisions'],
                    },
                })

    def get_revision(self, name):
        if self.revisions:
            return max(r.number for r in self.revisions)

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('validity_date', None)
        default.setdefault('revision_reason', None)
        default.setdefault('revisions', None)
        return super().copy(records, default=default)

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for record in records:
                if record.revisions:
                    raise QuotationDeleteError(gettext(
                            'terra_client_mgmt.msg_quotation_delete_issued',
                            quotation=record.rec_name))

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        if field_names is None or 'validity_date' in field_names:
            cls.check_validity_date(
                [r for r in records if r.state in {'draft', 'quotation'}
                    and r.validity_date])

    @classmethod
    def check_validity_date(cls, records, required=False):
        pool = Pool()
        Date = pool.get('ir.date')
        today = Date.today()
        for record in records:
            if not record.validity_date:
                if required:
                    raise QuotationValidationError(gettext(
                            'terra_client_mgmt'
                            '.msg_quotation_validity_required',
                            quotation=record.rec_name))
            elif record.validity_date < today:
                raise QuotationValidationError(gettext(
                        'terra_client_mgmt.msg_quotation_validity_past',
                        quotation=record.rec_name,
                        date=record.validity_date))

    def _quotation_header(self):
        "Return the (field name, value) pairs that make the proposal"
        return [
            ('party', self.party.rec_name if self.party else ''),
            ('quotation_scope', self.quotation_scope or ''),
            ('quotation_benefits', self.quotation_benefits or ''),
            ('validity_date', str(self.validity_date or '')),
            ('proposed_frequency',
                self.proposed_frequency.rec_name
                if self.proposed_frequency else ''),
            ('proposed_duration', str(self.proposed_duration or '')),
            ]

    def _quotation_lines(self):
        "Return one text per quoted line"
        raise NotImplementedError

    def quotation_content(self):
        "Return the issued proposal as a text a reviewer can compare"
        strings = {
            n: f['string'] for n, f in self.fields_get(
                [n for n, _ in self._quotation_header()]).items()}
        lines = [f'{strings[n]}: {v}' for n, v in self._quotation_header()]
        lines.extend(f'- {t}' for t in self._quotation_lines())
        return '\n'.join(lines)

    @classmethod
    def record_revisions(cls, records):
        "Keep the issued version of each quotation as a new revision"
        pool = Pool()
        Revision = pool.get('terra.quotation.revision')
        revisions = []
        for record in records:
            previous = max(
                record.revisions, key=lambda r: r.number, default=None)
            if previous and not record.revision_reason:
                raise QuotationValidationError(gettext(
                        'terra_client_mgmt.msg_quotation_revision_reason',
                        quotation=record.rec_name))
            content = record.quotation_content()
            if previous:
                changes = '\n'.join(
                    l for l in difflib.ndiff(
                        previous.content.splitlines(), content.splitlines())
                    if l[:1] in {'-', '+'})
            else:
                changes = None
            revisions.append(Revision(
                    quotation=record,
                    company=record.company,
                    number=previous.number + 1 if previous else 0,
                    reason=record.revision_reason,
                    content=content,
                    changes=changes))
        with without_check_access():
            Revision.save(revisions)
        cls.write(records, {'revision_reason': None})

    @classmethod
    def set_revision_reason(cls, records, reason):
        "Reopen issued quotations for revision with the reason given"
        states = dict(cls.fields_get(['state'])['state']['selection'])
        for record in records:
            if record.state not in REVISABLE_STATES or not record.revisions:
                raise QuotationReviseError(gettext(
                        'terra_client_mgmt.msg_quotation_revise_state',
                        quotation=record.rec_name,
                        state=states[record.state]))
        cls.write(records, {'revision_reason': reason})
        cls.draft(records)

    @classmethod
    @ModelView.button_action('terra_client_mgmt.wizard_quotation_revise')
    def revise(cls, records):
        pass


class Sale(QuotationMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'

    @classmethod
    @ModelView.button
    @Workflow.transition('quotation')
    def quote(cls, sales):
        cls.check_validity_date(sales, required=True)
        super().quote(sales)
        # Tryton's own expiry of quotations then follows the validity date
        for sale in sales:
            sale.quotation_validity = sale.validity_date - sale.quotation_date
        cls.save(sales)
        cls.record_revisions(sales)

    def _quotation_lines(self):
        return [
            f'{l.product.rec_name if l.product else l.description} · '
            f'{l.quantity} {l.unit.symbol if l.unit else ""} · {l.unit_price}'
            for l in self.lines if l.type == 'line']


class Subscription(QuotationMixin, metaclass=PoolMeta):
    __name__ = 'sale.subscription'

    opportunity = fields.Many2One(
        'sale.opportunity', "Lead", ondelete='RESTRICT',
        domain=[
            ('party', '=', Eval('party', -1)),
            ],
        states={
            'readonly': Eval('state') != 'draft',
            },
        help="The lead or opportunity this contract quotation answers.")

    @fields.depends('start_date', 'proposed_duration', 'end_date')
    def on_change_proposed_duration(self):
        if self.start_date and self.proposed_duration:
            self.end_date = self.start_date + relativedelta(
                months=self.proposed_duration, days=-1)

    @classmethod
    def process_opportunities(cls, subscriptions):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        opportunities = {s.opportunity.id for s in subscriptions
            if s.opportunity}
        if opportunities:
            Opportunity.process_subscriptions(
                Opportunity.browse(list(opportunities)))

    @classmethod
    @ModelView.button
    @Workflow.transition('quotation')
    def quote(cls, subscriptions):
        cls.check_validity_date(subscriptions, required=True)
        super().quote(subscriptions)
        cls.record_revisions(subscriptions)
        cls.process_opportunities(subscriptions)

    @classmethod
    @ModelView.button
    @Workflow.transition('running')
    def run(cls, subscriptions):
        super().run(subscriptions)
        cls.process_opportunities(subscriptions)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, subscriptions):
        super().cancel(subscriptions)
        cls.process_opportunities(subscriptions)

    @classmethod
    @Workflow.transition('closed')
    def close(cls, subscriptions):
        super().close(subscriptions)
        cls.process_opportunities(subscriptions)

    def _quotation_lines(self):
        lines = []
        for line in self.lines:
            service = line.service.rec_name if line.service else ''
            unit = line.unit.symbol if line.unit else ''
            recurrence = (
                line.consumption_recurrence.rec_name
                if line.consumption_recurrence else '')
            lines.append(
                f'{service} · {line.quantity} {unit} · {line.unit_price}'
                f' · {recurrence}')
        return lines


class ReviseStart(ModelView):
    __name__ = 'terra.quotation.revise.start'
    __string__ = "Revise Quotation"

    reason = fields.Text(
        "Reason", required=True,
        help="What the client asked to change, or why TERRA changes it.")


class Revise(Wizard):
    "Reopen an issued quotation for revision"
    __name__ = 'terra.quotation.revise'
    start = StateView('terra.quotation.revise.start',
        'terra_client_mgmt.quotation_revise_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Revise", 'revise', 'tryton-ok', default=True),
            ])
    revise = StateTransition()

    def transition_revise(self):
        self.model.set_revision_reason(self.records, self.start.reason)
        return 'end'


class QuotationReport(ClientDocumentReport):
    "Service quotation (PRO 008 5.1.3, quotation form)"
    __name__ = 'terra.quotation'

    @classmethod
    def execute(cls, ids, data):
        # Sales and subscriptions each have an action for this report:
        # without an action, take the one of the printed model instead of
        # the first found
        if data.get('action_id') is None and data.get('model'):
            ActionReport = Pool().get('ir.action.report')
            actions = ActionReport.search([
                    ('report_name', '=', cls.__name__),
                    ('model', '=', data['model']),
                    ], limit=1)
            if actions:
                action, = actions
                data = dict(data, action_id=action.id)
        return super().execute(ids, data)

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['today'] = Pool().get('ir.date').today()
        context['is_sale'] = cls.is_sale
        context['quotation_date'] = cls.quotation_date
        context['quotation_lines'] = cls.quotation_lines
        context['line_title'] = cls.line_title
        context['line_details'] = cls.line_details
        context['line_amount'] = cls.line_amount
        context['period_amounts'] = cls.period_amounts
        context['format_price'] = cls.format_price
        return context

    @classmethod
    def format_price(cls, value, lang, currency):
        "Format a unit price with the currency digits, more only if needed"
        digits = currency.digits
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            digits = -exponent
        return cls.format_currency(value, lang, currency, digits=digits)

    @staticmethod
    def is_sale(record):
        "Tell a one-off quotation (sale) from a contract (subscription)"
        return record.__name__ == 'sale.sale'

    @classmethod
    def quotation_date(cls, record):
        "Return the issue date of the printed version"
        Date = Pool().get('ir.date')
        if record.state != 'draft':
            if record.revisions:
                revision = max(record.revisions, key=lambda r: r.number)
                issued = revision.create_date.replace(tzinfo=UTC)
                if record.company.timezone:
                    issued = issued.astimezone(
                        get_tzinfo(record.company.timezone))
                return issued.date()
            if cls.is_sale(record) and record.quotation_date:
                return record.quotation_date
        with Transaction().set_context(company=record.company.id):
            return Date.today()

    @classmethod
    def quotation_lines(cls, record):
        "Return the priced lines of the quotation"
        if cls.is_sale(record):
            return [l for l in record.lines if l.type == 'line']
        return list(record.lines)

    @staticmethod
    def _line_product(line):
        if line.__name__ == 'sale.line':
            return line.product
        return line.service

    @classmethod
    def line_title(cls, line):
        "Return the first text of a line: the service or its description"
        product = cls._line_product(line)
        if product:
            return product.rec_name
        return (line.description or '').split('\n')[0]

    @classmethod
    def line_details(cls, line):
        "Return the description lines that add to the title"
        lines = (line.description or '').splitlines()
        title = cls.line_title(line)
        if lines and lines[0].strip() == title:
            lines = lines[1:]
        return [l for l in lines if l.strip()]

    @staticmethod
    def line_amount(line):
        "Return the amount of a line, per period for a contract line"
        if line.__name__ == 'sale.line':
            return line.amount
        if line.quantity is None or line.unit_price is None:
            return None
        amount = Decimal(str(line.quantity)) * line.unit_price
        if line.currency:
            amount = line.currency.round(amount)
        return amount

    @classmethod
    def period_amounts(cls, record):
        "Return (recurrence, amount) pairs summing a contract by period"
        amounts = {}
        for line in record.lines:
            amount = cls.line_amount(line)
            if amount is None:
                continue
            recurrence = line.consumption_recurrence
            amounts.setdefault(recurrence, 0)
            amounts[recurrence] += amount
        return sorted(
            ((r.rec_name if r else '', a) for r, a in amounts.items()),
            key=lambda p: p[0])
