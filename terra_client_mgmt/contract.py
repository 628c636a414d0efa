from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .exceptions import ContractValidationError


class Configuration(metaclass=PoolMeta):
    __name__ = 'sale.configuration'

    contract_terra_responsibilities = fields.Text(
        "TERRA's Responsibilities",
        help="The default commitments of TERRA in a new contract.")
    contract_client_responsibilities = fields.Text(
        "Client's Responsibilities",
        help="The default commitments of the client in a new contract.")


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
    terra_signatory = fields.Many2One(
        'company.employee', "TERRA Signatory", states=_signature_states,
        domain=[
            ('company', '=', Eval('company', -1)),
            ])

    del _terms_states, _signature_states

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
