from trytond.model import ModelView, Workflow, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

CHANNELS = [
    ('commercial_visit', "Commercial Visit"),
    ('social_network', "Social Network"),
    ('alliance', "Strategic Alliance"),
    ('referral', "Referral"),
    ('web', "Website"),
    ('request', "Request Received"),
    ('other', "Other"),
    ]
SOCIAL_NETWORKS = [
    (None, ""),
    ('facebook', "Facebook"),
    ('instagram', "Instagram"),
    ('linkedin', "LinkedIn"),
    ('tiktok', "TikTok"),
    ('whatsapp', "WhatsApp"),
    ('x', "X"),
    ('youtube', "YouTube"),
    ('other', "Other"),
    ]
REQUEST_MEDIA = [
    (None, ""),
    ('phone', "Phone"),
    ('email', "E-mail"),
    ('walk_in', "Walk-in"),
    ('whatsapp', "WhatsApp"),
    ('visit', "During a Visit"),
    ('web', "Web Form"),
    ('survey', "Survey"),
    ]


class Opportunity(metaclass=PoolMeta):
    __name__ = 'sale.opportunity'

    _channel_states = {
        'readonly': Eval('state') != 'lead',
        }

    channel = fields.Selection(
        CHANNELS, "Channel", required=True, states=_channel_states,
        help="How the client reached TERRA (PRO 008 5.1.1).")
    social_network = fields.Selection(
        SOCIAL_NETWORKS, "Social Network",
        states={
            'readonly': _channel_states['readonly'],
            'invisible': Eval('channel') != 'social_network',
            'required': Eval('channel') == 'social_network',
            })
    ally = fields.Many2One(
        'party.party', "Ally", ondelete='RESTRICT',
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        states={
            'readonly': _channel_states['readonly'],
            'invisible': Eval('channel') != 'alliance',
            'required': Eval('channel') == 'alliance',
            },
        help="The strategic partner who brought the lead.")
    referrer = fields.Many2One(
        'party.party', "Referred By", ondelete='RESTRICT',
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        states={
            'readonly': _channel_states['readonly'],
            'invisible': Eval('channel') != 'referral',
            })
    request_medium = fields.Selection(
        REQUEST_MEDIA, "Received Via",
        states={
            'readonly': _channel_states['readonly'],
            'invisible': Eval('channel') != 'request',
            'required': Eval('channel') == 'request',
            })
    request_date = fields.Date(
        "Date Received",
        states={
            'readonly': _channel_states['readonly'],
            'invisible': Eval('channel') != 'request',
            'required': Eval('channel') == 'request',
            })
    campaign = fields.Char(
        "Campaign", states=_channel_states,
        help="The marketing campaign or promotion behind the lead.")
    subscriptions = fields.One2Many(
        'sale.subscription', 'opportunity', "Contract Quotations",
        readonly=True)
    requests = fields.One2Many(
        'sale.complaint', 'opportunity', "Service Requests", readonly=True,
        help="The requests of the client that this lead answers.")

    del _channel_states

    @fields.depends('channel', 'request_date')
    def on_change_channel(self):
        pool = Pool()
        Date = pool.get('ir.date')
        if self.channel != 'social_network':
            self.social_network = None
        if self.channel != 'alliance':
            self.ally = None
        if self.channel != 'referral':
            self.referrer = None
        if self.channel != 'request':
            self.request_medium = None
            self.request_date = None
        elif not self.request_date:
            self.request_date = Date.today()

    @classmethod
    def copy(cls, opportunities, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('subscriptions', None)
        default.setdefault('requests', None)
        return super().copy(opportunities, default=default)

    @classmethod
    def set_client_acquisition(cls, opportunities):
        "Record on each new client how it was acquired"
        pool = Pool()
        Party = pool.get('party.party')
        to_save = {}
        for opportunity in opportunities:
            party = opportunity.party
            if (party and not party.acquisition_channel
                    and party.id not in to_save):
                party.acquisition_channel = opportunity.channel
                party.acquisition_ally = opportunity.ally
                party.acquisition_opportunity = opportunity
                to_save[party.id] = party
        Party.save(list(to_save.values()))

    def _quotation_states(self):
        "Return the states of the sales and of the contract quotations"
        as_sale = {'running': 'confirmed', 'closed': 'done'}
        return ([s.state for s in self.sales]
            + [as_sale.get(s.state, s.state) for s in self.subscriptions])

    def is_won(self):
        won, lost = self._sale_won_states(), self._sale_lost_states()
        states = self._quotation_states()
        return (bool(states)
            and all(s in won + lost for s in states)
            and any(s in won for s in states))

    def is_lost(self):
        states = self._quotation_states()
        return (bool(states)
            and all(s in self._sale_lost_states() for s in states))

    @classmethod
    def process_subscriptions(cls, opportunities):
        "Follow the contract quotations made for the leads"
        # A lost lead comes back when its cancelled quotation is reissued
        to_convert = [
            o for o in opportunities
            if o.state in {'lead', 'opportunity', 'lost'}
            and o.subscriptions and not o.is_lost()]
        if to_convert:
            # Not convert(): it would create a one-off sale as well
            cls.write(to_convert, {'state': 'converted'})
            cls.set_client_acquisition(to_convert)
        opportunities = cls.browse(opportunities)
        won = [o for o in opportunities
            if o.state == 'converted' and o.is_won()]
        lost = [o for o in opportunities
            if o.state in {'lead', 'opportunity', 'converted'}
            and o.is_lost()]
        if won:
            cls.won(won)
        if lost:
            cls.lost(lost)

    @classmethod
    @ModelView.button
    @Workflow.transition('opportunity')
    def opportunity(cls, opportunities):
        super().opportunity(opportunities)
        cls.set_client_acquisition(opportunities)

    @classmethod
    @ModelView.button_action('sale.act_sale_form')
    @Workflow.transition('converted')
    def convert(cls, opportunities):
        action = super().convert(opportunities)
        cls.set_client_acquisition(opportunities)
        return action
