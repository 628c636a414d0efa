import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, Id

from .exceptions import ContractValidationError
from .report import ClientDocumentReport


class Configuration(metaclass=PoolMeta):
    __name__ = 'sale.configuration'

    contract_terra_responsibilities = fields.Text(
        "TERRA's Responsibilities",
        help="The default commitments of TERRA in a new contract.")
    contract_client_responsibilities = fields.Text(
        "Client's Responsibilities",
        help="The default commitments of the client in a new contract.")
    # Visit planning (PRO 008 5.3.1)
    visit_horizon = fields.Integer(
        "Visit Planning Horizon",
        domain=['OR',
            ('visit_horizon', '=', None),
            ('visit_horizon', '>', 0),
            ],
        help="How many days ahead the visits of contracts are planned "
        "(60 when empty).")
    visit_start_time = fields.Time(
        "Visit Start Time",
        help="When visits start at premises without visiting hours "
        "(08:00 when empty).")
    visit_duration = fields.TimeDelta(
        "Visit Duration", help="The planned length of a visit (1 hour when "
        "empty).")
    intervention_sequence = fields.Many2One(
        'ir.sequence', "Visit Sequence",
        domain=[
            ('sequence_type', '=', Id(
                    'terra_client_mgmt', 'sequence_type_intervention')),
            ])
    certificate_sequence = fields.Many2One(
        'ir.sequence', "Service Certificate Sequence",
        domain=[
            ('sequence_type', '=', Id(
                    'terra_client_mgmt', 'sequence_type_certificate')),
            ])

    def get_visit_horizon(self):
        return self.visit_horizon or 60

    def get_visit_start_time(self):
        return self.visit_start_time or dt.time(8, 0)

    def get_visit_duration(self):
        return self.visit_duration or dt.timedelta(hours=1)

    def get_intervention_sequence(self):
        return self.intervention_sequence or self._default_sequence(
            'sequence_intervention')

    def get_certificate_sequence(self):
        return self.certificate_sequence or self._default_sequence(
            'sequence_certificate')

    @classmethod
    def _default_sequence(cls, fs_id):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Sequence = pool.get('ir.sequence')
        return Sequence(ModelData.get_id('terra_client_mgmt', fs_id))


class Subscription(metaclass=PoolMeta):
    "The service contract of PRO 008 5.2.3"
    __name__ = 'sale.subscription'

    _terms_states = {
        'readonly': Eval('state') != 'draft',
        }
    _signature_states = {
        'readonly': ~Eval('state').in_(['draft', 'quotation']),
        }

    contract_conditions = fields.Text(
        "Conditions", states=_terms_states,
        help="The particular conditions of the service agreed with the "
        "client.")
    terra_responsibilities = fields.Text(
        "TERRA's Responsibilities", states=_terms_states)
    client_responsibilities = fields.Text(
        "Client's Responsibilities", states=_terms_states)
    signature_date = fields.Date(
        "Signature Date", states=_signature_states,
        help="When the client signed the contract.")
    client_signatory = fields.Char(
        "Client Signatory", states=_signature_states,
        help="Name and position of the person who signs for the client.")
    premises = fields.Many2One(
        'party.address', "Premises", states=_terms_states,
        domain=[
            ('party', '=', Eval('party', -1)),
            ],
        help="Where the visits of the contract take place.")
    terra_signatory = fields.Many2One(
        'company.employee', "TERRA Signatory", states=_signature_states,
        domain=[
            ('company', '=', Eval('company', -1)),
            ])

    del _terms_states, _signature_states

    @fields.depends('party', 'premises')
    def on_change_party(self):
        super().on_change_party()
        if self.party and (
                not self.premises or self.premises.party != self.party):
            self.premises = self.party.address_get()

    @classmethod
    def default_terra_responsibilities(cls):
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        return Configuration(1).contract_terra_responsibilities

    @classmethod
    def default_client_responsibilities(cls):
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        return Configuration(1).contract_client_responsibilities

    @classmethod
    def copy(cls, subscriptions, default=None):
        default = default.copy() if default is not None else {}
        for name in ['signature_date', 'client_signatory', 'terra_signatory']:
            default.setdefault(name, None)
        return super().copy(subscriptions, default=default)

    @classmethod
    def check_contract(cls, subscriptions):
        "A TERRA contract is signed by both parties and has an end"
        for subscription in subscriptions:
            missing = [
                name for name in [
                    'end_date', 'signature_date', 'client_signatory',
                    'terra_signatory']
                if not getattr(subscription, name)]
            if missing:
                strings = cls.fields_get(missing)
                raise ContractValidationError(gettext(
                        'terra_client_mgmt.msg_contract_incomplete',
                        contract=subscription.rec_name,
                        fields=', '.join(
                            strings[n]['string'] for n in missing)))

    @classmethod
    @ModelView.button
    @Workflow.transition('running')
    def run(cls, subscriptions):
        cls.check_contract(subscriptions)
        super().run(subscriptions)


class ContractReport(ClientDocumentReport):
    "Service contract document (PRO 008 5.2.3)"
    __name__ = 'terra.contract'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['today'] = Pool().get('ir.date').today()
        return context
