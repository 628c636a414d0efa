"""Load the TERRA GROUP S.A. demo data set into a Tryton database.

The data walks PRO 008 from lead capture to contract: the company and its
staff (one user per role), the service catalogue, Spanish clients with their
premises, leads from every channel, contract quotations (issued, revised,
accepted) and one-off quotations. Everything goes through proteus, so the
same business rules apply as in the web client.

Run it once on a database where the TERRA modules are activated; a second run
finds the company and stops.
"""
import argparse
import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from proteus import Model, Wizard
from proteus import config as proteus_config

COMPANY_NAME = "TERRA GROUP S.A."
TODAY = dt.date.today()
# Contracts start at the beginning of next month, the usual practice.
NEXT_MONTH = TODAY + relativedelta(months=1, day=1)

# login, name, role group (fs_id in terra_client_mgmt), job title
STAFF = [
    ('gerencia', "Carmen Rodríguez Sánchez", 'group_management',
        "Directora General"),
    ('comercial', "Laura Gómez Herrera", 'group_commercial',
        "Responsable Comercial"),
    ('operaciones', "Miguel Ángel Díaz Moreno", 'group_operations',
        "Jefe de Operaciones"),
    ('atencion', "Lucía Navarro Castillo", 'group_customer_care',
        "Atención al Cliente"),
    ('sgc', "Pedro Jiménez Ortega", 'group_quality',
        "Responsable del SGC"),
    ]
# Technicians are employees without a login: operations assigns them.
TECHNICIANS = ["Antonio Romero Vidal", "Sergio Molina Prieto"]
PASSWORD_SUFFIX = '-terra-2026'

PROVINCES = {
    'ES-M': "Madrid",
    'ES-B': "Barcelona",
    'ES-V': "Valencia",
    'ES-SE': "Sevilla",
    'ES-GR': "Granada",
    'ES-MA': "Málaga",
    'ES-Z': "Zaragoza",
    'ES-BI': "Bizkaia",
    'ES-S': "Cantabria",
    }

TREATMENT_TYPES = [
    ('FUM', "Fumigación"),
    ('DRT', "Desratización"),
    ('DIN', "Desinsectación"),
    ('DDF', "Desinfección"),
    ('LTQ', "Limpieza de tanques"),
    ]

# code, name, treatment type, [(step, mandatory)]
PROCEDURES = [
    ('PT-01', "Fumigación de espacios cerrados", 'FUM', [
            ("Comprobar que el local está desalojado de personas y animales",
                True),
            ("Proteger o retirar alimentos y utensilios", True),
            ("Sellar puertas, ventanas y conductos", True),
            ("Aplicar el producto según su ficha técnica", True),
            ("Señalizar el plazo de seguridad en los accesos", True),
            ("Ventilar y medir antes de autorizar la reentrada", True),
            ]),
    ('PT-02', "Control de roedores", 'DRT', [
            ("Inspeccionar indicios: excrementos, roeduras, sendas", True),
            ("Revisar y reponer los portacebos de cada estación", True),
            ("Registrar el consumo de cebo por estación", True),
            ("Sellar los puntos de entrada detectados", False),
            ("Actualizar el plano de estaciones", False),
            ]),
    ('PT-03', "Control de insectos rastreros y voladores", 'DIN', [
            ("Identificar la especie y los focos", True),
            ("Aplicar gel insecticida en grietas y hendiduras", True),
            ("Revisar trampas de monitorización y lámparas UV", True),
            ("Recomendar medidas de higiene y exclusión", False),
            ]),
    ('PT-04', "Desinfección de superficies y ambientes", 'DDF', [
            ("Limpiar las superficies antes de desinfectar", True),
            ("Preparar la dilución del biocida registrado", True),
            ("Respetar el tiempo de contacto del producto", True),
            ("Anotar el lote y la dosis aplicada", True),
            ]),
    ('PT-05', "Limpieza y desinfección de depósitos de agua", 'LTQ', [
            ("Vaciar el depósito y retirar sedimentos", True),
            ("Limpiar paredes y fondo con medios mecánicos", True),
            ("Hiperclorar y respetar el tiempo de contacto", True),
            ("Aclarar, llenar y medir el cloro libre residual", True),
            ("Tomar muestra para analítica de laboratorio", False),
            ]),
    ]

# name, (freq, interval)
RECURRENCES = [
    ("Semanal", ('weekly', 1)),
    ("Mensual", ('monthly', 1)),
    ("Trimestral", ('monthly', 3)),
    ("Semestral", ('monthly', 6)),
    ]

# code, name, treatment type, procedure, price, recurrence (None: one-off)
SERVICES = [
    ('DRT-M', "Desratización – mantenimiento mensual", 'DRT', 'PT-02',
        '95.00', "Mensual"),
    ('DRT-T', "Desratización – revisión trimestral", 'DRT', 'PT-02',
        '120.00', "Trimestral"),
    ('DIN-M', "Desinsectación – mantenimiento mensual", 'DIN', 'PT-03',
        '85.00', "Mensual"),
    ('DIN-S', "Desinsectación intensiva – visita semanal", 'DIN', 'PT-03',
        '60.00', "Semanal"),
    ('DDF-T', "Desinfección de instalaciones – trimestral", 'DDF', 'PT-04',
        '180.00', "Trimestral"),
    ('LTQ-S', "Limpieza y desinfección de depósitos – semestral", 'LTQ',
        'PT-05', '320.00', "Semestral"),
    ('FUM-P', "Fumigación puntual de locales", 'FUM', 'PT-01',
        '450.00', None),
    ('DIN-P', "Tratamiento de choque contra cucarachas", 'DIN', 'PT-03',
        '150.00', None),
    ('DDF-P', "Desinfección puntual de choque", 'DDF', 'PT-04',
        '200.00', None),
    ('LTQ-P', "Limpieza de depósito de agua (servicio puntual)", 'LTQ',
        'PT-05', '350.00', None),
    ]

# Parties that bring business but are not clients.
PARTNERS = [
    {'name': "Asociación de Hosteleros de Madrid", 'nif': 'G78120342',
        'email': 'socios@hosteleros-madrid.example',
        'phone': '+34 915 210 430',
        'address': ("Calle de Velázquez", '48', '28001', "Madrid", 'ES-M')},
    {'name': "Inmobiliaria Levante Gestión S.L.", 'nif': 'B28345692',
        'email': 'administracion@levantegestion.example',
        'phone': '+34 963 512 874',
        'address': ("Avenida del Puerto", '112', '46023', "Valencia",
            'ES-V')},
    ]

# Clients: contact data, specific needs, special requirements and the
# premises recorded on each address (PRO 008 5.1.2).
CLIENTS = [
    {
        'key': 'fogon',
        'name': "Restaurante El Fogón de Lavapiés S.L.",
        'nif': 'B86532108',
        'phone': '+34 914 678 231',
        'mobile': '+34 654 231 987',
        'email': 'reservas@elfogon.example',
        'needs': "Plan de control de plagas (desratización y "
        "desinsectación) integrado en el sistema APPCC del restaurante; "
        "certificados de cada visita para la inspección sanitaria.",
        'requirements': "Solo productos autorizados para la industria "
        "alimentaria. Intervenciones fuera del horario de servicio.",
        'addresses': [{
            'street': (
                "Calle del Ave María", '12', '28012', "Madrid", 'ES-M'),
            'premises_type': 'restaurant',
            'area': '180',
            'sensitive_areas': "Cocina, cámara frigorífica y almacén de "
            "secos.",
            'access_instructions': "Entrada de mercancías por la calle "
            "Salitre. Preguntar por el jefe de cocina, Andrés.",
            'opening_hours': "Mar-Dom 12:00-16:30 y 20:00-24:00",
            }],
        },
    {
        'key': 'hotel',
        'name': "Hotel Mirador de la Alhambra S.A.",
        'nif': 'A39071543',
        'phone': '+34 958 221 440',
        'email': 'mantenimiento@hotelmirador.example',
        'needs': "Control de plagas en 64 habitaciones, cocina y jardines; "
        "prevención de chinches de cama.",
        'requirements': "Sin olores en zonas de clientes. Las habitaciones "
        "ocupadas no se tratan; coordinar con gobernanta.",
        'addresses': [{
            'street': (
                "Cuesta de Gomérez", '21', '18009', "Granada", 'ES-GR'),
            'premises_type': 'hotel',
            'area': '4200',
            'sensitive_areas': "Cocina, buffet de desayunos, lavandería y "
            "piscina.",
            'allergies': True,
            'access_instructions': "Acceso de servicio por el parking "
            "trasero; identificarse en recepción.",
            'opening_hours': "24 horas; tratamientos de 10:00 a 13:00",
            }],
        },
    {
        'key': 'colegio',
        'name': "Colegio Santa Teresa de Jesús",
        'nif': 'R4612837G',
        'phone': '+34 963 404 118',
        'email': 'secretaria@colegiost.example',
        'needs': "Desratización del patio y comedor, desinsectación de "
        "cocina y vestuarios.",
        'requirements': "Intervenciones solo en periodo no lectivo o fines "
        "de semana. Fichas de seguridad de los productos a la dirección.",
        'addresses': [{
            'street': (
                "Calle de Guillem de Castro", '73', '46008', "Valencia",
                'ES-V'),
            'premises_type': 'school',
            'area': '3500',
            'sensitive_areas': "Comedor, cocina, aulas de infantil y "
            "arenero del patio.",
            'children': True,
            'allergies': True,
            'access_instructions': "Conserje: Julián (ext. 201). Llaves en "
            "conserjería.",
            'opening_hours': "Lun-Vie 08:00-17:30",
            }],
        },
    {
        'key': 'ebro',
        'name': "Logística Ebro Distribución S.L.",
        'nif': 'B50172642',
        'phone': '+34 976 458 300',
        'email': 'calidad@logisticaebro.example',
        'needs': "Control de roedores e insectos en nave de alimentación "
        "seca; auditorías IFS Logistics.",
        'requirements': "Plano de estaciones actualizado y registros "
        "exportables para auditoría.",
        'addresses': [{
            'street': ("Calle Bari", '25', '50197', "Zaragoza", 'ES-Z'),
            'premises_type': 'warehouse',
            'area': '12000',
            'sensitive_areas': "Muelles de carga y zona de alimentación "
            "seca.",
            'access_instructions': "Acceso por la puerta 3 de la "
            "Plataforma Logística PLAZA. Chaleco obligatorio.",
            'opening_hours': "Lun-Sáb 06:00-22:00",
            }, {
            'street': (
                "Paseo de la Independencia", '24', '50004', "Zaragoza",
                'ES-Z'),
            'premises_type': 'office',
            'area': '320',
            'opening_hours': "Lun-Vie 09:00-18:00",
            }],
        },
    {
        'key': 'clinica',
        'name': "Clínica Dental Sonrisas Sevilla S.L.P.",
        'nif': 'B41288069',
        'phone': '+34 954 227 915',
        'email': 'gerencia@sonrisassevilla.example',
        'needs': "Desinfección periódica de gabinetes y sala de espera.",
        'requirements': "Biocidas compatibles con material sanitario; sin "
        "tratamientos con pacientes en la clínica.",
        'addresses': [{
            'street': (
                "Avenida de la Constitución", '18', '41004', "Sevilla",
                'ES-SE'),
            'premises_type': 'health_centre',
            'area': '210',
            'sensitive_areas': "Gabinetes y sala de esterilización.",
            'allergies': True,
            'opening_hours': "Lun-Vie 09:00-21:00",
            }],
        },
    {
        'key': 'panaderia',
        'name': "Panadería Hermanos Ortega S.L.",
        'nif': 'B12876454',
        'phone': '+34 952 331 876',
        'email': 'obrador@hnosortega.example',
        'needs': "Control de insectos en harinas (polillas, gorgojos) y de "
        "roedores en el obrador.",
        'requirements': "El obrador trabaja de noche: visitas entre 11:00 "
        "y 15:00.",
        'addresses': [{
            'street': (
                "Calle Carretería", '57', '29008', "Málaga", 'ES-MA'),
            'premises_type': 'shop',
            'area': '240',
            'sensitive_areas': "Obrador, silo de harina y despacho de pan.",
            'opening_hours': "Lun-Sáb 07:00-14:00",
            }],
        },
    {
        'key': 'coworking',
        'name': "Oficinas Bilbao Centro Coworking S.L.",
        'nif': 'B91345728',
        'phone': '+34 944 152 660',
        'email': 'hola@bilbaocentro.example',
        'needs': "Desinfección de zonas comunes y office.",
        'addresses': [{
            'street': (
                "Gran Vía de Don Diego López de Haro", '45', '48011',
                "Bilbao", 'ES-BI'),
            'premises_type': 'office',
            'area': '850',
            'opening_hours': "Lun-Vie 08:00-20:00",
            }],
        },
    {
        'key': 'conservas',
        'name': "Conservas del Cantábrico S.L.",
        'nif': 'B48209316',
        'phone': '+34 942 608 114',
        'email': 'produccion@conservascantabrico.example',
        'needs': "Limpieza y desinfección de los depósitos de agua de "
        "proceso; control de aves y roedores.",
        'requirements': "Certificado de limpieza para el registro "
        "sanitario (RD 3/2023).",
        'addresses': [{
            'street': (
                "Barrio La Magdalena", '3', '39740', "Santoña", 'ES-S'),
            'premises_type': 'industry',
            'area': '5600',
            'sensitive_areas': "Sala de envasado y depósitos de agua "
            "(2 x 30 m³).",
            'access_instructions': "Recepción en la portería; EPI y gorro "
            "obligatorios en fábrica.",
            'opening_hours': "Lun-Vie 06:00-22:00",
            }],
        },
    {
        'key': 'olivos',
        'name': "Comunidad de Propietarios Residencial Los Olivos",
        'nif': 'H45602133',
        'phone': '+34 961 205 744',
        'email': 'presidencia@losolivos.example',
        'needs': "Desratización de garajes y zonas comunes.",
        'requirements': "Avisar a los vecinos con 48 horas de antelación.",
        'addresses': [{
            'street': (
                "Avenida de las Cortes Valencianas", '31', '46015',
                "Valencia", 'ES-V'),
            'premises_type': 'home',
            'area': '2600',
            'sensitive_areas': "Zona infantil y piscina comunitaria.",
            'children': True,
            'pets': True,
            'access_instructions': "Llave del garaje en portería "
            "(Sr. Ramón).",
            'opening_hours': "Portería Lun-Vie 08:00-14:00",
            }],
        },
    {
        'key': 'dolores',
        'name': "María Dolores Fernández Ruiz",
        'nif': '50728319W',
        'mobile': '+34 620 448 913',
        'email': 'mdolores.fernandez@correo.example',
        'needs': "Cucarachas en la cocina del piso.",
        'requirements': "Tiene un perro y un bebé: producto sin olor y "
        "plazo de seguridad indicado por escrito.",
        'addresses': [{
            'street': (
                "Calle de Fuencarral", '128', '28010', "Madrid", 'ES-M'),
            'floor_number': "3º B",
            'premises_type': 'home',
            'area': '85',
            'sensitive_areas': "Cocina y habitación del bebé.",
            'children': True,
            'pets': True,
            'access_instructions': "Portero automático 3º B.",
            'opening_hours': "Tardes a partir de las 16:00",
            }],
        },
    {
        'key': 'javier',
        'name': "Javier Martín Gómez",
        'nif': '23984716V',
        'mobile': '+34 677 102 554',
        'email': 'javier.martin@correo.example',
        'needs': "Desratización del jardín y limpieza del aljibe.",
        'requirements': "Alergia al polen en la familia: evitar "
        "pulverizaciones en exterior con viento.",
        'addresses': [{
            'street': (
                "Calle de los Almendros", '9', '28224',
                "Pozuelo de Alarcón", 'ES-M'),
            'premises_type': 'home',
            'area': '250',
            'sensitive_areas': "Aljibe de 10 m³ y caseta del perro.",
            'pets': True,
            'allergies': True,
            'access_instructions': "Chalet con cancela; llamar al móvil al "
            "llegar.",
            'opening_hours': "Sábados por la mañana",
            }],
        },
    {
        'key': 'anabelen',
        'name': "Ana Belén Torres Navarro",
        'nif': '46120573F',
        'mobile': '+34 699 871 230',
        'email': 'anabelen.torres@correo.example',
        'needs': "Hormigas en la terraza y la cocina.",
        'requirements': "Persona alérgica en casa: comunicar los productos "
        "antes de la visita.",
        'addresses': [{
            'street': ("Calle de Colón", '40', '46004', "Valencia", 'ES-V'),
            'floor_number': "5º",
            'premises_type': 'home',
            'area': '110',
            'allergies': True,
            'opening_hours': "Lun-Vie a partir de las 18:00",
            }],
        },
    {
        'key': 'huerta',
        'name': "Lucía Pérez Campos",
        'nif': '71839204S',
        'phone': '+34 933 187 402',
        'email': 'lahuerta@correo.example',
        'needs': "Frutería «La Huerta de Lucía»: mosca de la fruta y "
        "roedores en el almacén.",
        'addresses': [{
            'street': (
                "Carrer de Sant Antoni Maria Claret", '214', '08041',
                "Barcelona", 'ES-B'),
            'premises_type': 'shop',
            'area': '95',
            'sensitive_areas': "Cámara de fruta y almacén.",
            'opening_hours': "Lun-Sáb 08:30-20:30",
            }],
        },
    ]


def relative(days):
    return TODAY + dt.timedelta(days=days)


class Loader:
    "Create the demo records, keeping those later steps refer to"

    def __init__(self, config):
        self.config = config
        self.parties = {}
        self.products = {}
        self.prices = {}
        self.services = {}
        self.recurrences = {}

    def ref(self, module, fs_id):
        "Return the id of an XML record, independent of the language"
        ModelData = Model.get('ir.model.data')
        return ModelData.get_id(module, fs_id, self.config.context)

    def load(self):
        self.set_language()
        self.create_country()
        self.create_company()
        self.create_accounting()
        self.create_staff()
        self.create_catalogue()
        self.create_parties()
        self.create_leads()
        self.create_contract_quotations()
        self.create_one_off_quotations()

    def set_language(self):
        "Work in Spanish so that the data is recorded as users will see it"
        User = Model.get('res.user')
        Lang = Model.get('ir.lang')
        self.es, = Lang.find([('code', '=', 'es')])
        admin = User(self.config.user)
        admin.language = self.es
        admin.save()
        self.config._context = User.get_preferences(True, {})

    def create_country(self):
        "Spain and the provinces of the clients, the only ones the demo needs"
        Country = Model.get('country.country')
        countries = Country.find([('code', '=', 'ES')])
        if countries:
            self.spain, = countries
        else:
            self.spain = Country(
                name="España", code='ES', code3='ESP', code_numeric='724')
        for code, name in PROVINCES.items():
            if not any(s.code == code for s in self.spain.subdivisions):
                self.spain.subdivisions.new(
                    name=name, code=code, type='province')
        self.spain.save()
        self.provinces = {s.code: s for s in self.spain.subdivisions}

    def fill_address(self, address, street, number, postal_code, city,
            province, **premises):
        address.street_name = street
        address.building_number = number
        address.postal_code = postal_code
        address.city = city
        address.country = self.spain
        address.subdivision = self.provinces[province]
        for name, value in premises.items():
            if name == 'area':
                value = Decimal(value)
            setattr(address, name, value)

    def new_party(self, name, nif=None, phone=None, mobile=None, email=None,
            address=None, website=None):
        Party = Model.get('party.party')
        party = Party(name=name, lang=self.es)
        if nif:
            # Tryton names the Spanish NIF "es_vat"; it validates the check
            # character of NIF, CIF and NIE numbers.
            party.identifiers.new(type='es_vat', code=nif)
        for type_, value in [
                ('phone', phone), ('mobile', mobile), ('email', email),
                ('website', website)]:
            if value:
                party.contact_mechanisms.new(type=type_, value=value)
        if address:
            self.fill_address(party.addresses[0], *address)
        return party

    def create_company(self):
        # Imported late: importing trytond.modules chooses the database
        # backend, which must come from the configuration file.
        from trytond.modules.company.tests.tools import create_company
        Currency = Model.get('currency.currency')
        CurrencyRate = Model.get('currency.currency.rate')
        # Euro: TERRA invoices Spanish clients, in the currency of Spain.
        currencies = Currency.find([('code', '=', 'EUR')])
        if currencies:
            euro, = currencies
        else:
            euro = Currency(
                name="Euro", symbol='€', code='EUR', numeric_code='978',
                rounding=Decimal('0.01'), digits=2)
            euro.save()
            CurrencyRate(
                date=dt.date(2000, 1, 1), rate=Decimal(1),
                currency=euro).save()
        party = self.new_party(
            COMPANY_NAME, nif='A28917433', phone='+34 912 345 678',
            email='info@terra.example', website='https://terra.example',
            address=("Calle de Alcalá", '250', '28027', "Madrid", 'ES-M'))
        party.save()
        create_company(party, euro)
        Company = Model.get('company.company')
        self.company, = Company.find([])

    def create_accounting(self):
        "The minimal Spanish chart and fiscal years that sales require"
        from trytond.modules.account.tests.tools import (
            create_chart, create_fiscalyear, create_tax, get_accounts)
        from trytond.modules.account_invoice.tests.tools import (
            set_fiscalyear_invoice_sequences)
        Tax = Model.get('account.tax')
        PaymentTerm = Model.get('account.invoice.payment_term')
        ProductCategory = Model.get('product.category')

        create_chart(self.company, chart='account.account_template_root_es')
        accounts = get_accounts(self.company)
        # This year for current business, next year for the contracts.
        for year in [TODAY.year, TODAY.year + 1]:
            # The helpers find the sequence types by their English name.
            with self.config.set_context(language='en'):
                fiscalyear = set_fiscalyear_invoice_sequences(
                    create_fiscalyear(
                        self.company,
                        (dt.date(year, 1, 1), dt.date(year, 12, 31))))
            fiscalyear.click('create_period')

        vat = create_tax(Decimal('.21'), self.company)
        vat.name = vat.description = "IVA 21%"
        vat.save()
        self.vat = Tax(vat.id)

        self.payment_term = PaymentTerm(name="Transferencia a 30 días")
        line = self.payment_term.lines.new(type='remainder')
        line.relativedeltas.new(days=30)
        self.payment_term.save()

        self.category = ProductCategory(
            name="Servicios de control de plagas", accounting=True)
        self.category.account_revenue = accounts['revenue']
        self.category.account_expense = accounts['expense']
        self.category.customer_taxes.append(self.vat)
        self.category.save()

    def create_staff(self):
        Company = Model.get('company.company')
        Employee = Model.get('company.employee')
        Group = Model.get('res.group')
        User = Model.get('res.user')
        Party = Model.get('party.party')
        self.employees = {}
        for login, name, group, position in STAFF:
            employee = Employee(
                party=self.new_party(
                    name, email=f'{login}@terra.example'),
                company=self.company)
            employee.party.save()
            employee.save()
            self.employees[login] = employee
            user = User(
                name=f"{name} ({position})", login=login,
                password=login + PASSWORD_SUFFIX,
                email=f'{login}@terra.example', language=self.es)
            user.groups.append(Group(self.ref('terra_client_mgmt', group)))
            # A record can be in one list only: append fresh instances.
            user.companies.append(Company(self.company.id))
            user.company = self.company
            user.employees.append(Employee(employee.id))
            user.employee = employee
            user.save()
        for name in TECHNICIANS:
            party = Party(name=name, lang=self.es)
            party.save()
            Employee(party=party, company=self.company).save()

    def create_catalogue(self):
        "Treatments, standard procedures and the services TERRA sells"
        TreatmentType = Model.get('terra.treatment.type')
        Procedure = Model.get('terra.service.procedure')
        RuleSet = Model.get('sale.subscription.recurrence.rule.set')
        Template = Model.get('product.template')
        Uom = Model.get('product.uom')
        Service = Model.get('sale.subscription.service')

        treatments = {}
        for code, name in TREATMENT_TYPES:
            treatments[code] = TreatmentType(code=code, name=name)
            treatments[code].save()

        procedures = {}
        for code, name, treatment, steps in PROCEDURES:
            procedure = Procedure(
                code=code, name=name, treatment_type=treatments[treatment])
            for sequence, (step, mandatory) in enumerate(steps, 1):
                procedure.items.new(
                    sequence=sequence * 10, name=step, mandatory=mandatory)
            procedure.save()
            procedures[code] = procedure

        for name, (freq, interval) in RECURRENCES:
            rule_set = RuleSet(name=name)
            rule, = rule_set.rules
            rule.freq = freq
            rule.interval = interval
            rule_set.save()
            self.recurrences[name] = rule_set

        unit = Uom(self.ref('product', 'uom_unit'))
        for code, name, treatment, procedure, price, recurrence in SERVICES:
            template = Template(
                name=name, code=code, type='service', salable=True,
                default_uom=unit, list_price=Decimal(price),
                account_category=self.category,
                treatment_type=treatments[treatment],
                service_procedure=procedures[procedure])
            template.save()
            product, = template.products
            self.products[code] = product
            self.prices[code] = Decimal(price)
            if recurrence:
                service = Service(
                    product=product,
                    consumption_recurrence=self.recurrences[recurrence])
                service.save()
                self.services[code] = service

    def create_parties(self):
        for values in PARTNERS:
            party = self.new_party(
                values['name'], nif=values['nif'], phone=values['phone'],
                email=values['email'], address=values['address'])
            party.save()
            self.parties[values['name']] = party
        for values in CLIENTS:
            party = self.new_party(
                values['name'], nif=values['nif'], phone=values.get('phone'),
                mobile=values.get('mobile'), email=values.get('email'))
            for i, premises in enumerate(values['addresses']):
                premises = premises.copy()
                address = party.addresses[0] if i == 0 else (
                    party.addresses.new())
                self.fill_address(
                    address, *premises.pop('street'), **premises)
            party.specific_needs = values.get('needs')
            party.special_requirements = values.get('requirements')
            party.customer_payment_term = self.payment_term
            party.save()
            self.parties[values['key']] = party

    def create_leads(self):
        "Leads from every channel of PRO 008 5.1.1, at every stage"
        Opportunity = Model.get('sale.opportunity')
        seller = self.employees['comercial']
        self.leads = {}
        # (client key, channel, channel fields, description, days ago,
        #       probability, [(service, quantity)], final state)
        leads = [
            ('fogon', 'alliance',
                {'ally': self.parties["Asociación de Hosteleros de Madrid"],
                    'campaign': "Convenio hostelería 2026"},
                "Plan DDD anual para restaurante", 60, 90,
                [('DRT-M', 12), ('DIN-M', 12)], 'opportunity'),
            ('hotel', 'web', {},
                "Formulario web: control de plagas en hotel", 20, 60,
                [('DIN-M', 12), ('DRT-M', 12)], 'opportunity'),
            ('colegio', 'commercial_visit', {},
                "Visita comercial: plan de plagas del colegio", 15, 50,
                [('DRT-T', 4), ('DIN-M', 10)], 'opportunity'),
            ('ebro', 'commercial_visit', {},
                "Auditoría IFS: control de plagas en nave", 10, 40,
                [('DRT-M', 12), ('DIN-S', 52)], 'opportunity'),
            ('clinica', 'request',
                {'request_medium': 'phone', 'request_date': relative(-8)},
                "Llamada: desinfección periódica de la clínica", 8, 50,
                [('DDF-T', 4)], 'opportunity'),
            ('panaderia', 'referral',
                {'referrer': 'fogon'},
                "Recomendado por El Fogón: insectos en harinas", 25, 70,
                [('DIN-M', 12), ('DRT-T', 4)], 'opportunity'),
            ('olivos', 'alliance',
                {'ally': self.parties["Inmobiliaria Levante Gestión S.L."]},
                "Desratización de garajes de la comunidad", 12, 40,
                [('DRT-T', 4)], 'opportunity'),
            ('conservas', 'request',
                {'request_medium': 'email', 'request_date': relative(-5)},
                "Correo: limpieza de depósitos y fumigación de almacén", 5,
                80, [('FUM-P', 1)], 'converted'),
            ('dolores', 'social_network',
                {'social_network': 'instagram',
                    'campaign': "Campaña otoño: cocinas sin cucarachas"},
                "Mensaje directo por cucarachas en cocina", 9, 90,
                [('DIN-P', 1)], 'converted'),
            ('javier', 'web', {},
                "Solicitud web: limpieza de aljibe", 6, 80,
                [('LTQ-P', 1)], 'converted'),
            ('anabelen', 'social_network',
                {'social_network': 'facebook',
                    'campaign': "Campaña otoño: cocinas sin cucarachas"},
                "Comentario en Facebook: hormigas en terraza", 2, 20,
                [], 'lead'),
            ('huerta', 'request',
                {'request_medium': 'walk_in', 'request_date': relative(-1)},
                "Visita a la oficina: mosca de la fruta", 1, 30,
                [], 'lead'),
            ('coworking', 'other',
                {'campaign': "Feria Expoprotection Madrid"},
                "Contacto en feria del sector", 3, 10, [], 'lead'),
            ]
        for (key, channel, extra, description, days, probability, lines,
                state) in leads:
            party = self.parties[key]
            lead = Opportunity(channel=channel)
            for name, value in extra.items():
                if name == 'referrer':
                    value = self.parties[value]
                setattr(lead, name, value)
            lead.description = description
            lead.start_date = relative(-days)
            lead.party = party
            lead.address = party.addresses[0]
            lead.conversion_probability = Decimal(probability) / 100
            for code, quantity in lines:
                line = lead.lines.new()
                line.product = self.products[code]
                line.quantity = quantity
            lead.amount = sum(
                (self.prices[code] * quantity for code, quantity in lines),
                Decimal(0))
            lead.payment_term = self.payment_term
            if state != 'lead':
                lead.employee = seller
            lead.save()
            if state in {'opportunity', 'converted'}:
                lead.click('opportunity')
            if state == 'converted':
                sale, = lead.click('convert')
                self.leads[key] = sale
            else:
                self.leads[key] = lead

    def new_contract(self, key, lines, recurrence, months, scope, benefits,
            start=NEXT_MONTH):
        "Return a contract quotation of the client's lead"
        Subscription = Model.get('sale.subscription')
        contract = Subscription()
        contract.party = self.parties[key]
        contract.opportunity = self.leads[key]
        contract.start_date = start
        contract.invoice_recurrence = self.recurrences["Mensual"]
        contract.payment_term = self.payment_term
        contract.proposed_frequency = self.recurrences[recurrence]
        contract.proposed_duration = months
        contract.quotation_scope = scope
        contract.quotation_benefits = benefits
        contract.validity_date = relative(30)
        contract.description = self.leads[key].description
        for code, price in lines:
            line = contract.lines.new()
            line.service = self.services[code]
            line.quantity = 1
            if price:
                line.unit_price = Decimal(price)
        contract.save()
        return contract

    def revise(self, record, reason):
        "Reopen an issued quotation through the wizard users click"
        revise = Wizard('terra.quotation.revise', [record])
        revise.form.reason = reason
        revise.execute('revise')
        record.reload()

    def create_contract_quotations(self):
        "Contracts of PRO 008 5.2.3: proposed, revised and accepted"
        Configuration = Model.get('sale.configuration')
        configuration = Configuration(1)
        configuration.contract_terra_responsibilities = (
            "Prestar el servicio con personal capacitado y productos "
            "autorizados, según el procedimiento estándar de cada "
            "tratamiento, y entregar un certificado de cada visita.")
        configuration.contract_client_responsibilities = (
            "Facilitar el acceso a las instalaciones en el horario acordado, "
            "seguir las indicaciones de preparación y seguridad, y avisar de "
            "cualquier cambio que afecte al servicio.")
        configuration.save()
        # Accepted: running since last month, with its visits (consumptions)
        # and invoice up to today as the scheduler would have made them;
        # its daily jobs start at a random hour, too late for a demo.
        fogon = self.new_contract(
            'fogon', [('DRT-M', '90.00'), ('DIN-M', '80.00')], "Mensual", 12,
            "Desratización y desinsectación mensual del restaurante "
            "(cocina, cámara, almacén y sala), con certificado de cada "
            "visita para el APPCC.",
            "Precio de convenio de la Asociación de Hosteleros (-5 %). "
            "Visitas de urgencia en 24 h sin coste adicional.",
            start=TODAY + relativedelta(months=-1, day=1))
        fogon.click('quote')
        fogon.signature_date = fogon.start_date
        fogon.client_signatory = "Rosa Llorente Pastor, gerente"
        fogon.terra_signatory = self.employees['comercial']
        fogon.click('run')
        for wizard in [
                'sale.subscription.line.consumption.create',
                'sale.subscription.create_invoice']:
            generate = Wizard(wizard)
            generate.form.date = TODAY
            generate.execute('create_')

        # Issued, then revised at the client's request.
        hotel = self.new_contract(
            'hotel', [('DIN-M', None), ('DRT-M', None)], "Mensual", 12,
            "Desinsectación y desratización mensual de cocina, zonas "
            "comunes, jardines y habitaciones libres.",
            "Protocolo de chinches de cama incluido. Informe mensual para "
            "la dirección del hotel.")
        hotel.click('quote')
        self.revise(
            hotel, "El cliente pide añadir la desinfección trimestral de "
            "cocina y buffet y un precio cerrado por 24 meses.")
        line = hotel.lines.new()
        line.service = self.services['DDF-T']
        line.quantity = 1
        hotel.proposed_duration = 24
        hotel.quotation_benefits += (
            " Precio fijo durante los 24 meses del contrato.")
        hotel.save()
        hotel.click('quote')

        # Issued, revised twice: price then validity.
        panaderia = self.new_contract(
            'panaderia', [('DIN-M', None), ('DRT-T', None)], "Mensual", 12,
            "Control mensual de insectos de almacén y trimestral de "
            "roedores en obrador y silo.",
            "Trampas de feromonas para polillas incluidas.")
        panaderia.click('quote')
        self.revise(
            panaderia, "Cliente recomendado: se aplica un 10 % de "
            "descuento en la desinsectación.")
        line = next(l for l in panaderia.lines
            if l.service == self.services['DIN-M'])
        line.unit_price = Decimal('76.50')
        panaderia.save()
        panaderia.click('quote')
        self.revise(
            panaderia, "El cliente necesita más tiempo para decidir: se "
            "amplía la validez de la oferta.")
        panaderia.validity_date = relative(60)
        panaderia.save()
        panaderia.click('quote')

        # Issued, waiting for the client.
        colegio = self.new_contract(
            'colegio', [('DRT-T', None), ('DIN-M', None)], "Trimestral", 12,
            "Desratización trimestral del patio y comedor; desinsectación "
            "mensual de cocina y vestuarios, en periodo no lectivo.",
            "Fichas de seguridad entregadas a la dirección antes de cada "
            "tratamiento.")
        colegio.click('quote')
        clinica = self.new_contract(
            'clinica', [('DDF-T', None)], "Trimestral", 12,
            "Desinfección trimestral de gabinetes, sala de esterilización y "
            "sala de espera.",
            "Certificado de desinfección para la inspección sanitaria.")
        clinica.click('quote')

        # Still being prepared.
        self.new_contract(
            'ebro', [('DRT-M', None), ('DIN-S', None)], "Semanal", 24,
            "Control integral de plagas en nave de 12.000 m²: estaciones "
            "de roedores mensuales e insectos semanales en muelles.",
            "Registros y plano de estaciones listos para auditoría IFS.")
        self.new_contract(
            'olivos', [('DRT-T', None)], "Trimestral", 12,
            "Desratización trimestral de garajes, trasteros y jardines.",
            "Aviso a los vecinos preparado por TERRA.")

    def create_one_off_quotations(self):
        "One-off services: quotations from converted leads and a direct one"
        Sale = Model.get('sale.sale')
        details = {
            'dolores': (
                "Tratamiento de choque con gel insecticida en cocina y "
                "baños, revisión a los 15 días.",
                "Producto sin olor; plazo de seguridad de 2 horas."),
            'javier': (
                "Vaciado, limpieza, hipercloración y analítica del aljibe "
                "de 10 m³.",
                "Certificado de limpieza y resultado de la analítica."),
            'conservas': (
                "Fumigación del almacén de producto terminado durante la "
                "parada de Semana Santa.",
                "Sin parar la producción de las otras naves."),
            }
        sales = {}
        for key, (scope, benefits) in details.items():
            sale = self.leads[key]
            sale.quotation_scope = scope
            sale.quotation_benefits = benefits
            sale.validity_date = relative(15)
            sale.save()
            sales[key] = sale
        sales['dolores'].click('quote')
        sales['dolores'].click('confirm')
        sales['javier'].click('quote')

        # A direct request, without a lead.
        sale = Sale(party=self.parties['coworking'])
        sale.payment_term = self.payment_term
        sale.quotation_scope = (
            "Desinfección de choque de zonas comunes, office y salas de "
            "reuniones.")
        sale.quotation_benefits = "Servicio en fin de semana sin recargo."
        sale.validity_date = relative(20)
        line = sale.lines.new()
        line.product = self.products['DDF-P']
        line.quantity = 1
        sale.save()
        sale.click('quote')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True,
        help="the trytond configuration file")
    parser.add_argument('-d', '--database', required=True)
    args = parser.parse_args()

    config = proteus_config.set_trytond(
        args.database, config_file=args.config)
    Company = Model.get('company.company')
    if Company.find([('party.name', '=', COMPANY_NAME)]):
        print(f"{COMPANY_NAME} is already in {args.database}: nothing to do")
        return
    Loader(config).load()


if __name__ == '__main__':
    main()
