/**
 * The sample's beliefs.yaml: what the sample company's sales and success teams believe, as claims
 * `leadlab beliefs` tests on the holdout. Some hold, one is contradicted and some are null, as the
 * generator planted them (README.md states the ground truth).
 *
 * @example
 * import { SAMPLE_BELIEFS_YAML } from "./beliefs-yaml";
 * SAMPLE_BELIEFS_YAML.includes("kind: Beliefs"); // => true
 */
export const SAMPLE_BELIEFS_YAML = `# What the sample company's sales and customer-success teams believe, written as claims that
# \`leadlab beliefs data/sample/dataset.yaml data/sample/beliefs.yaml\` tests on the holdout.
# Schema: rules/schema/beliefs.schema.json. What the sample's ground truth (README.md) says of
# each: demo requests, VP seniority, 200-2,000 employees and a confirmed need raise wins; a big
# committee lowers them (the sales belief the data contradict); budget_confirmed and email opens
# carry nothing; agencies (Marketing & Advertising, HubSpot) churn; a champion and webinars before
# the first win raise retention, weakly (per deal, and on the few holdout customers).
apiVersion: leadlab/v1
kind: Beliefs
beliefs:
  - name: demo-request
    claim: A demo request in the last 30 days is a sure sign.
    by: sales
    when: demo_request_count_30d >= 1
    predicts: won
    direction: raises
  - name: senior-buyers
    claim: VPs and C-levels close.
    by: sales
    when: seniority in [VP, C-level]
    predicts: won
    direction: raises
  - name: mid-size-companies
    claim: Companies of 200 to 1,000 employees are our sweet spot.
    by: sales
    when: employees between 200 and 1000
    predicts: won
    direction: raises
  - name: big-committees
    claim: A big buying committee means a serious buyer.
    by: sales
    when: committee_size >= 5
    predicts: won
    direction: raises
  - name: budget-first
    claim: Once the budget is confirmed, the deal is ours.
    by: sales
    when: budget_confirmed = true
    predicts: won
    direction: raises
  - name: qualified-vp-or-director
    claim: A VP or Director with a confirmed need closes.
    by: sales
    when:
      all:
        - seniority in [VP, Director]
        - need_confirmed = true
    predicts: won
    direction: raises
  - name: newsletter-readers
    claim: Leads who open our emails are warm.
    by: marketing
    when: email_open_count_30d >= 2
    predicts: won
    direction: raises
  - name: champions-stay
    claim: Customers who had a champion renew.
    by: customer success
    when: champion_identified = true
    predicts: retained
    direction: raises
  - name: agencies-stay
    claim: Marketing agencies are loyal customers.
    by: customer success
    when:
      any:
        - industry = Marketing & Advertising
        - tech_stack contains HubSpot
    predicts: retained
    direction: raises
  - name: webinar-attendees-stay
    claim: Customers who came to a webinar before buying stay.
    by: customer success
    when: webinar_attended_count_90d >= 1
    predicts: retained
    direction: raises
`;
