from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class ClientManagementTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the client management module"
    module = 'terra_client_mgmt'


class ClientSurveyTestCase(ModuleTestCase):
    "Test the client survey module"
    module = 'terra_client_survey'


class ClientLoyaltyTestCase(ModuleTestCase):
    "Test the client loyalty module"
    module = 'terra_client_loyalty'
    extras = ['terra_client_survey']


del ModuleTestCase
