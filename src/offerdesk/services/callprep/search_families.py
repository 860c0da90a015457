"""The word families of objection search: general relations between words recruiters hear, never sentences.

A word may be in several families. Phrases ("current job") count as one unit. Two narrow families say what an
amount ("130k", "10%") and a date ("march", "3 months") stand for: only the core pay and start words.
"""

from __future__ import annotations

# family: its words, comma separated
FAMILIES: dict[str, str] = {
    "employer": (
        "boss, manager, employer, company, firm, current job, current employer, workplace, "
        "current company, current role, director, ceo, cto, vp, team lead, leadership, hr"
    ),
    "stay": "stay, keep, retain, retention, remain, lose, losing, quit, hold on, hang on",
    "counter": (
        "counter, counteroffer, counter offer, match, matched, matching, buyback, buy back, beat, retention bonus"
    ),
    "pay": (
        "pay, paid, paying, salary, money, comp, compensation, package, base, wage, wages, cash, "
        "income, number, raise, rate, earn, earning, bonus, figure, offer amount, ote, budget, "
        "afford"
    ),
    "low": (
        "low, lower, less, lowball, not enough, too little, short, below, under, cheap, insulting, "
        "disappointing, underpaid"
    ),
    "more": "more, higher, better, bigger, increase, extra, top up, bump",
    "remote": (
        "remote, remotely, wfh, work from home, from home, home, office, onsite, on site, "
        "in person, hybrid, commute, commuting, travel, days a week, in the office, desk"
    ),
    "equity": (
        "equity, rsu, rsus, stock, stocks, shares, share, options, option, vesting, vest, esop, "
        "grant, strike, cliff, exercise, dilution, valuation, ipo, ownership, stake"
    ),
    "partner": (
        "partner, wife, husband, spouse, girlfriend, boyfriend, fiance, fiancee, family, other half, household, parents"
    ),
    "kids": "kids, kid, children, child, school, schools, son, daughter, baby",
    "move": (
        "move, moving, relocate, relocation, relocating, city, country, abroad, house, housing, "
        "rent, cost of living, visa, uproot"
    ),
    "notice": (
        "notice, notice period, start, start date, starting, join, joining, available, "
        "availability, garden leave, handover, contract, release, until, earliest, begin, weeks, "
        "months, gap, break, sabbatical"
    ),
    "decide": (
        "time, think, thinking, decide, decision, consider, mull, weekend, sleep on it, get back, "
        "few days, unsure, not sure, undecided, hesitant, rush, rushed, pressure, wait, later, "
        "process, on the fence, torn, overthink"
    ),
    "talk": ("talk, discuss, run it by, check with, ask, conversation, together, on board, sign off, agree, opinion"),
    "growth": (
        "growth, grow, career, promotion, promoted, progress, progression, develop, development, "
        "learning, learn, ladder, advance, advancement, path, plateau, stuck, dead end, future, "
        "next step, next role, mentor, training, skills"
    ),
    "title": (
        "title, level, senior, seniority, grade, rank, junior, step down, demotion, downgrade, "
        "step back, lead, principal, staff, band"
    ),
    "stability": (
        "stability, stable, layoff, layoffs, laid off, redundancy, redundancies, fired, cuts, "
        "downsizing, restructuring, funding, runway, bankrupt, bust, survive, secure, security, "
        "risk, risky, startup, profitable, profit, revenue, investors, fold, safe, job hunting, "
        "going under, shut down, run out, burn rate"
    ),
    "benefits": (
        "benefits, benefit, health, healthcare, insurance, medical, dental, vision, pension, "
        "retirement, 401k, pto, vacation, holiday, holidays, leave, time off, perks, parental, "
        "maternity, paternity, sick, gym, childcare"
    ),
    "competing": (
        "another offer, other offer, competing, competitor, competition, elsewhere, other company, "
        "another company, different company, final round, final rounds, interviewing, interview, "
        "rival, deadline, multiple, somewhere else, options open"
    ),
    "amount": ("salary, pay, base, compensation, comp, package, money, number, raise, wage, cash, bonus, paid"),
    "when": (
        "notice, notice period, start, start date, starting, garden leave, join, joining, "
        "available, availability, earliest, resign, resignation, handover"
    ),
    "worry": "worried, worry, concerned, concern, nervous, scared, afraid, unsure, risk",
}
