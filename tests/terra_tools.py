"""Set-up shared by the scenario doctests."""
from decimal import Decimal

from proteus import Model
from trytond.modules.account.tests.tools import get_accounts

ROLES = {
    'gerencia': 'group_management',
    'comercial': 'group_commercial',
    'operaciones': 'group_operations',
    'atencion': 'group_customer_care',
    'sgc': 'group_quality',
    'supervisor': 'group_operations_supervisor',
    }


def create_role_users(config=None):
    "Create one user per PRO 008 role, each an employee of the company"
    User = Model.get('res.user', config=config)
    Group = Model.get('res.group', config=config)
    ModelData = Model.get('ir.model.data', config=config)
    Party = Model.get('party.party', config=config)
    Employee = Model.get('company.employee', config=config)
    Company = Model.get('company.company', config=config)
    admin, = User.find([('login', '=', 'admin')])
    company_id = admin.company.id
    users = {}
    for login, fs_id in ROLES.items():
        group_id = ModelData.get_id('terra_client_mgmt', fs_id, {})
        party = Party(name=login.capitalize())
        party.save()
        employee = Employee(party=party, company=Company(company_id))
        employee.save()
        user = User(name=login.capitalize(), login=login)
        user.groups.append(Group(group_id))
        user.companies.append(Company(company_id))
        user.company = Company(company_id)
        user.employees.append(employee)
        user.employee = employee
        user.save()
        users[login] = user
    return users


def create_recurrence(name, freq, interval=1, config=None):
    RuleSet = Model.get('sale.subscription.recurrence.rule.set', config=config)
    rule_set = RuleSet(name=name)
    rule, = rule_set.rules
    rule.freq = freq
    rule.interval = interval
    rule_set.save()
    return rule_set


def create_service(
        name, treatment_type, procedure, recurrence, price, config=None):
    "Create a service product sold by subscription with its visit frequency"
    Category = Model.get('product.category', config=config)
    Template = Model.get('product.template', config=config)
    Uom = Model.get('product.uom', config=config)
    Service = Model.get('sale.subscription.service', config=config)
    accounts = get_accounts(config=config)
    categories = Category.find([('name', '=', "Services")])
    if categories:
        category, = categories
    else:
        category = Category(name="Services", accounting=True)
        category.account_revenue = accounts['revenue']
        category.save()
    unit, = Uom.find([('name', '=', 'Unit')])
    template = Template(name=name, type='service', default_uom=unit)
    template.salable = True
    template.list_price = Decimal(price)
    template.account_category = category
    template.treatment_type = treatment_type
    template.service_procedure = procedure
    template.save()
    product, = template.products
    service = Service(product=product, consumption_recurrence=recurrence)
    service.save()
    return service
