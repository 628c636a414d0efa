from sql import Null, Union

from trytond import backend
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.fields import SQL_OPERATORS
from trytond.pool import Pool, PoolMeta
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from .exceptions import (
    ClientDeleteError, DuplicateClientError, DuplicateClientWarning,
    PremisesValidationError)
from .opportunity import CHANNELS

CLIENT_STATUSES = [
    (None, ""),
    ('prospect', "Prospect"),
    ('active', "Active Client"),
    ('former', "Former Client"),
    ]
PREMISES_TYPES = [
    (None, ""),
    ('home', "Home"),
    ('restaurant', "Restaurant"),
    ('warehouse', "Warehouse"),
    ('office', "Office"),
    ('school', "School"),
    ('health_centre', "Health Centre"),
    ('industry', "Industry"),
    ('hotel', "Hotel"),
    ('shop', "Shop"),
    ('other', "Other"),
    ]
# Values are Python's weekday numbers, used by the visit planner
WEEKDAYS = [
    ('0', "Monday"),
    ('1', "Tuesday"),
    ('2', "Wednesday"),
    ('3', "Thursday"),
    ('4', "Friday"),
    ('5', "Saturday"),
    ('6', "Sunday"),
    ]
PHONE_TYPES = {'phone', 'mobile'}


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    client_status = fields.Function(fields.Selection(
            CLIENT_STATUSES, "Client Status",
            help="Derived from leads, contracts and sales: a prospect from "
            "the first lead or quotation, active while a contract runs or a "
            "sale is being served, former once they have all ended."),
        'get_client_status', searcher='search_client_status')
    specific_needs = fields.Text(
        "Specific Needs", help="What the client needs from the service.")
    special_requirements = fields.Text(
        "Special Requirements",
        help="Constraints the service must respect (schedules, products "
        "to avoid, certifications…).")
    acquisition_channel = fields.Selection(
        [(None, "")] + CHANNELS, "Acquisition Channel", readonly=True)
    acquisition_ally = fields.Many2One(
        'party.party', "Acquisition Ally", readonly=True, ondelete='RESTRICT')
    acquisition_opportunity = fields.Many2One(
        'sale.opportunity', "Original Lead", readonly=True,
        ondelete='SET NULL')

    @classmethod
    def _client_status_queries(cls):
        """Return the queries of the parties being prospected, with current
        business and with ended business"""
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Sale = pool.get('sale.sale')
        Subscription = pool.get('sale.subscription')
        opportunity = Opportunity.__table__()
        sale = Sale.__table__()
        subscription = Subscription.__table__()
        company = Transaction().context.get('company')

        def parties(table, states=None):
            condition = table.party != Null
            if states:
                condition &= table.state.in_(states)
            if company is not None:
                condition &= table.company == company
            return table.select(table.party.as_('party'), where=condition)
        prospected = Union(
            parties(opportunity),
            parties(subscription, ['draft', 'quotation']),
            parties(sale, ['draft', 'quotation']))
        current = Union(
            parties(subscription, ['running']),
            parties(sale, ['confirmed', 'processing']))
        ended = Union(
            parties(subscription, ['closed']),
            parties(sale, ['done']))
        return prospected, current, ended

    @classmethod
    def get_client_status(cls, parties, name):
        cursor = Transaction().connection.cursor()
        prospected, current, ended = cls._client_status_queries()
        statuses = dict.fromkeys(map(int, parties))
        for sub_ids in grouped_slice(
                list(statuses), backend.MAX_QUERY_PARAMS):
            sub_ids = list(sub_ids)
            # Later statuses win: a client with a running contract is active
            # whatever else it has
            for query, status in [
                    (prospected, 'prospect'),
                    (ended, 'former'),
                    (current, 'active')]:
                cursor.execute(*query.select(
                        query.party,
                        where=SQL_OPERATORS['in'](query.party, sub_ids)))
                statuses.update((p, status) for p, in cursor)
        return statuses

    @classmethod
    def search_client_status(cls, name, clause):
        _, operator, value = clause
        if isinstance(value, (list, tuple, set)):
            values = set(value)
        else:
            values = {value}
        if operator in {'!=', 'not in'}:
            values = {s for s, _ in CLIENT_STATUSES} - values
        prospected, current, ended = cls._client_status_queries()
        domains = {
            'active': [('id', 'in', current)],
            'former': [('id', 'in', ended), ('id', 'not in', current)],
            'prospect': [
                ('id', 'in', prospected),
                ('id', 'not in', current),
                ('id', 'not in', ended),
                ],
            None: [
                ('id', 'not in', prospected),
                ('id', 'not in', current),
                ('id', 'not in', ended),
                ],
            }
        return ['OR'] + [domains[v] for v in values if v in domains]

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        for name in [
                'acquisition_channel', 'acquisition_ally',
                'acquisition_opportunity']:
            default.setdefault(name, None)
        return super().copy(parties, default=default)

    @classmethod
    def check_duplicate_phone(cls, parties):
        "Warn when another client has the same name and phone"
        pool = Pool()
        ContactMechanism = pool.get('party.contact_mechanism')
        Warning = pool.get('res.user.warning')
        phones = {}
        for party in parties:
            for mechanism in party.contact_mechanisms:
                if mechanism.type in PHONE_TYPES and mechanism.value_compact:
                    phones.setdefault(mechanism.value_compact, []).append(
                        party)
        if not phones:
            return
        others = ContactMechanism.search([
                ('type', 'in', list(PHONE_TYPES)),
                ('value_compact', 'in', list(phones)),
                ('party', 'not in', [p.id for p in parties]),
                ])
        for other in others:
            for party in phones[other.value_compact]:
                if (other.party.name or '').strip().lower() != (
                        party.name or '').strip().lower():
                    continue
                key = Warning.format('terra_duplicate_client', [party])
                if Warning.check(key):
                    raise DuplicateClientWarning(key, gettext(
                            'terra_client_mgmt.msg_client_duplicate_phone',
                            party=party.rec_name,
                            other=other.party.rec_name,
                            phone=other.value_compact))

    @classmethod
    def check_modification(cls, mode, parties, values=None, external=False):
        super().check_modification(
            mode, parties, values=values, external=external)
        if mode == 'delete':
            cls.check_no_history(parties)

    @classmethod
    def check_no_history(cls, parties):
        "Refuse to delete a client with leads, quotations or contracts"
        pool = Pool()
        for model in ['sale.opportunity', 'sale.sale', 'sale.subscription']:
            Model = pool.get(model)
            for sub_parties in grouped_slice(
                    parties, backend.MAX_QUERY_PARAMS):
                records = Model.search([
                        ('party', 'in', [p.id for p in sub_parties]),
                        ], limit=1, order=[])
                if records:
                    record, = records
                    raise ClientDeleteError(gettext(
                            'terra_client_mgmt.msg_client_delete_history',
                            party=record.party.rec_name,
                            record=record.rec_name))


class Address(metaclass=PoolMeta):
    __name__ = 'party.address'

    premises_type = fields.Selection(PREMISES_TYPES, "Premises Type")
    area = fields.Numeric(
        "Area (m²)", digits=(16, 2),
        help="The surface to treat, in square metres.")
    sensitive_areas = fields.Text(
        "Sensitive Areas",
        help="Places that need special care: kitchens, food stores, "
        "nurseries…")
    children = fields.Boolean("Children Present")
    pets = fields.Boolean("Pets Present")
    allergies = fields.Boolean(
        "Allergic People", help="Check if people on site have allergies.")
    access_instructions = fields.Text("Access Instructions")
    opening_hours = fields.Char(
        "Opening Hours",
        help="When the premises can be visited, e.g. Mon-Fri 08:00-18:00.")
    visit_time_from = fields.Time(
        "Visits From", help="The time planned visits start at.")
    visit_time_to = fields.Time("Visits Until")
    closed_days = fields.MultiSelection(
        WEEKDAYS, "Closed On",
        help="No visit is planned on these days: it moves to the nearest "
        "open day.")

    @classmethod
    def validate_fields(cls, addresses, field_names):
        super().validate_fields(addresses, field_names)
        if field_names is None or 'area' in field_names:
            for address in addresses:
                if address.area is not None and address.area < 0:
                    raise PremisesValidationError(gettext(
                            'terra_client_mgmt.msg_premises_area_negative',
                            address=address.rec_name))
        if field_names is None or (
                {'visit_time_from', 'visit_time_to'} & field_names):
            for address in addresses:
                if (address.visit_time_from and address.visit_time_to
                        and address.visit_time_to <= address.visit_time_from):
                    raise PremisesValidationError(gettext(
                            'terra_client_mgmt.msg_premises_visit_hours',
                            address=address.rec_name))


class Identifier(metaclass=PoolMeta):
    __name__ = 'party.identifier'

    @classmethod
    def validate_fields(cls, identifiers, field_names):
        super().validate_fields(identifiers, field_names)
        if field_names is None or field_names & {'code', 'type', 'party'}:
            cls.check_tax_duplicate(identifiers)

    @classmethod
    def check_tax_duplicate(cls, identifiers):
        "Refuse a tax identifier already given to another client"
        pool = Pool()
        Party = pool.get('party.party')
        tax_types = Party.tax_identifier_types()
        codes = {
            i.code: i for i in identifiers if i.type in tax_types and i.code}
        if not codes:
            return
        others = cls.search([
                ('type', 'in', tax_types),
                ('code', 'in', list(codes)),
                ('id', 'not in', [i.id for i in identifiers]),
                ])
        for other in others:
            identifier = codes[other.code]
            if other.party != identifier.party:
                raise DuplicateClientError(gettext(
                        'terra_client_mgmt.msg_client_duplicate_tax',
                        code=other.code,
                        other=other.party.rec_name))


class ContactMechanism(metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    @classmethod
    def validate_fields(cls, mechanisms, field_names):
        pool = Pool()
        Party = pool.get('party.party')
        super().validate_fields(mechanisms, field_names)
        # value_compact is computed after creation, then written
        if field_names is None or field_names & {'value_compact', 'party'}:
            parties = {m.party for m in mechanisms if m.type in PHONE_TYPES}
            if parties:
                Party.check_duplicate_phone(list(parties))


class Replace(metaclass=PoolMeta):
    __name__ = 'party.replace'

    @classmethod
    def fields_to_replace(cls):
        return super().fields_to_replace() + [
            ('party.party', 'acquisition_ally'),
            ('sale.opportunity', 'ally'),
            ('sale.opportunity', 'referrer'),
            ]


class Erase(metaclass=PoolMeta):
    __name__ = 'party.erase'

    def to_erase(self, party_id):
        pool = Pool()
        Party = pool.get('party.party')
        Address = pool.get('party.address')
        return super().to_erase(party_id) + [
            (Party, [('id', '=', party_id)], True,
                ['specific_needs', 'special_requirements'],
                [None, None]),
            (Address, [('party', '=', party_id)], True,
                ['sensitive_areas', 'access_instructions', 'opening_hours'],
                [None, None, None]),
            ]
