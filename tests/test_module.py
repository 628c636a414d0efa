import datetime as dt
import unittest

from lxml import etree

from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

from terra_client_mgmt.exceptions import RevisionModificationError
from terra_client_mgmt.intervention import open_day

# The column widgets of the web client (sao 8.0 TreeXMLViewParser.WIDGETS):
# a list view with another widget fails to open in the browser.
SAO_TREE_WIDGETS = {
    'binary', 'boolean', 'callto', 'char', 'date', 'dict', 'email', 'float',
    'image', 'integer', 'many2many', 'many2one', 'numeric', 'one2many',
    'one2one', 'progressbar', 'reference', 'selection', 'multiselection',
    'sip', 'text', 'time', 'timedelta', 'url',
    }


class ClientManagementTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the client management module"
    module = 'terra_client_mgmt'

    @with_transaction()
    def test_list_views_use_web_client_widgets(self):
        "Every column of the module's list views can be shown by sao"
        pool = Pool()
        View = pool.get('ir.ui.view')
        views = View.search([
                ('module', '=', self.module),
                ('type', 'in', ['tree', None]),
                ])
        self.assertTrue(views)
        for view in views:
            root = view.inherit or view
            if root.type != 'tree':
                continue
            Model = pool.get(view.model)
            result = Model.fields_view_get(view_id=root.id)
            arch = etree.fromstring(result['arch'])
            for node in arch.iter('field'):
                widget = (node.get('widget')
                    or result['fields'][node.get('name')]['type'])
                with self.subTest(view=view.name, field=node.get('name')):
                    self.assertIn(widget, SAO_TREE_WIDGETS)

    def _subscription(self, company, party):
        pool = Pool()
        RuleSet = pool.get('sale.subscription.recurrence.rule.set')
        Subscription = pool.get('sale.subscription')
        monthly = RuleSet(name="Monthly", rules=[{
                    'freq': 'monthly', 'interval': 1}])
        monthly.save()
        subscription = Subscription(
            party=party, company=company, currency=company.currency,
            start_date=dt.date.today(), invoice_recurrence=monthly)
        subscription.on_change_party()
        subscription.save()
        return subscription

    @with_transaction()
    def test_client_status(self):
        "The client status follows the contracts"
        pool = Pool()
        Party = pool.get('party.party')
        Subscription = pool.get('sale.subscription')
        company = create_company()
        with set_company(company):
            client, other = Party.create([
                    {'name': "A", 'addresses': [('create', [{}])]},
                    {'name': "B"}])
            subscription = self._subscription(company, client)

            for state, status in [
                    ('quotation', 'prospect'),
                    ('running', 'active'),
                    ('closed', 'former'),
                    ('cancelled', None),
                    ]:
                Subscription.write([subscription], {'state': state})
                self.assertEqual(Party(client.id).client_status, status)
                found = set(Party.search([('client_status', '=', status)]))
                self.assertIn(client, found)
                self.assertNotIn(
                    client,
                    Party.search([('client_status', '!=', status)]))
            self.assertEqual(Party(other.id).client_status, None)
            self.assertIn(
                other, Party.search([('client_status', '=', None)]))

    @with_transaction()
    def test_revision_read_only(self):
        "Server code cannot change or delete a revision either"
        pool = Pool()
        Party = pool.get('party.party')
        Revision = pool.get('terra.quotation.revision')
        company = create_company()
        with set_company(company):
            party = Party(name="A", addresses=[{}])
            party.save()
            subscription = self._subscription(company, party)
            revision = Revision(
                quotation=subscription, company=company, number=0,
                content="Party: A")
            revision.save()
            with self.assertRaises(RevisionModificationError):
                Revision.write([revision], {'reason': "x"})
            with self.assertRaises(RevisionModificationError):
                Revision.delete([revision])


class OpenDayTestCase(unittest.TestCase):
    "The planner moves a visit off the premises' closed days"

    friday = dt.date(2026, 12, 4)

    def test_open_day_kept(self):
        self.assertEqual(open_day(self.friday, {5, 6}), self.friday)

    def test_closed_day_moves_later(self):
        self.assertEqual(
            open_day(self.friday, {4, 5}), self.friday + dt.timedelta(2))

    def test_closed_day_moves_earlier_at_contract_end(self):
        "A later day would fall after the end of the contract"
        self.assertEqual(
            open_day(self.friday, {4, 5, 6}, last=self.friday),
            self.friday - dt.timedelta(1))

    def test_closed_day_moves_later_at_contract_start(self):
        self.assertEqual(
            open_day(self.friday, {3, 4}, first=self.friday),
            self.friday + dt.timedelta(1))

    def test_always_closed(self):
        self.assertEqual(open_day(self.friday, set(range(7))), self.friday)

    def test_no_open_day_within_contract(self):
        self.assertEqual(
            open_day(self.friday, {3, 4, 5}, self.friday, self.friday),
            self.friday)


class ClientSurveyTestCase(ModuleTestCase):
    "Test the client survey module"
    module = 'terra_client_survey'


class ClientLoyaltyTestCase(ModuleTestCase):
    "Test the client loyalty module"
    module = 'terra_client_loyalty'
    extras = ['terra_client_survey']


del ModuleTestCase
