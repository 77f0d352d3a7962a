"""Redeem a points reward: the catalogue as big rows, the ones the card cannot have greyed
out with the reason underneath."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from terminal.services.views import RewardOption
from terminal.ui.dialogs.base import OperationDialog
from terminal.ui.texts import number, points, reward_reason_text

ROW_HEIGHT = 56  # a touch target: at least 48 px
ROW_PADDING = 20  # above and below the text of a row
LIST_WIDTH = 520  # the narrowest the list gets; a reason wraps to fit it
TEXT_WIDTH = LIST_WIDTH - 48  # less the frame, a scroll bar and the row's margins
ROWS_SHOWN = 5  # without scrolling


class RewardsDialog(OperationDialog):
    """`submitted` carries the chosen reward's id (int).

    `options` is the card's catalogue (Points.rewards), `points_balance` the card's balance.
    Nothing is selected at first: the cashier picks the reward the customer asked for (Down
    selects the first one the card can have, Up/Down move, Enter redeems).
    """

    def __init__(
        self,
        options: list[RewardOption],
        points_balance: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rewardsDialog")
        self._options = list(options)
        self._balance = points_balance
        self.title = QLabel(self)
        self.title.setObjectName("dialogTitle")
        self.balance = QLabel(self)
        self.balance.setObjectName("hint")
        self.list_label = QLabel(self)
        self.rewards = QListWidget(self)
        self.rewards.setObjectName("rewardList")
        self.rewards.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.rewards.setWordWrap(True)
        self.rewards.setUniformItemSizes(False)
        self.rewards.setMinimumWidth(LIST_WIDTH)
        self.list_label.setBuddy(self.rewards)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        for widget in (self.title, self.balance, self.list_label, self.rewards, self.empty):
            self.body.addWidget(widget)
        for option in self._options:
            item = QListWidgetItem(self.rewards)
            item.setData(Qt.ItemDataRole.UserRole, option)
            if not option.available:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        # No current row, and none set when the list takes the focus either: the first Down
        # then selects the first reward the card can have, not the second row.
        self.rewards.setCurrentIndex(QModelIndex())
        self.rewards.itemSelectionChanged.connect(self.clear_refusal)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(48)
        self.rewards.setVisible(bool(self._options))
        self.list_label.setVisible(bool(self._options))
        self.empty.setVisible(not self._options)
        self.ok_button.setEnabled(bool(self._options))
        self.retranslate()
        self.rewards.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Redeem a reward"))
        self.title.setText(self.tr("Redeem a reward"))
        self.balance.setText(self.tr("Points balance: %1").replace("%1", number(self._balance)))
        self.list_label.setText(self.tr("&Rewards:"))
        self.rewards.setAccessibleName(self.tr("Rewards"))
        self.rewards.setAccessibleDescription(
            self.tr(
                "The rewards of the catalogue with their cost in points. Up and Down pick one,"
                " Enter redeems it. Greyed-out rewards say why the card cannot have them."
            )
        )
        self.empty.setText(self.tr("The catalogue has no rewards."))
        self.ok_button.setText(self.tr("Redeem (Enter)"))
        self.ok_button.setAccessibleName(self.tr("Redeem"))
        self.ok_button.setAccessibleDescription(
            self.tr("Redeem the selected reward with the card's points")
        )
        for index in range(self.rewards.count()):
            self._retranslate_row(self.rewards.item(index))
        shown = [self.rewards.item(i).sizeHint().height() for i in range(self.rewards.count())]
        self.rewards.setMinimumHeight(sum(shown[:ROWS_SHOWN]) + 2 * self.rewards.frameWidth())

    def _retranslate_row(self, item: QListWidgetItem) -> None:
        option: RewardOption = item.data(Qt.ItemDataRole.UserRole)
        text = (
            self.tr("%1 - %2").replace("%1", option.name).replace("%2", points(option.points_cost))
        )
        if option.available:
            description = self.tr("The card can have this reward")
        else:
            description = reward_reason_text(option)
            text += "\n" + description
        item.setSizeHint(QSize(0, self._row_height(text)))
        item.setText(text)
        item.setToolTip(description)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)

    def _row_height(self, text: str) -> int:
        """Tall enough for the text wrapped at the list's narrowest (a German reason is long)."""
        flags = Qt.TextFlag.TextWordWrap
        needed = self.rewards.fontMetrics().boundingRect(QRect(0, 0, TEXT_WIDTH, 1000), flags, text)
        return max(ROW_HEIGHT, needed.height() + ROW_PADDING)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if not self._options:
            self.ok_button.setEnabled(False)

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.rewards.setEnabled(enabled)

    def show_refusal(self, text: str) -> None:
        super().show_refusal(text)
        self.rewards.setFocus()

    def selected_option(self) -> RewardOption | None:
        items = self.rewards.selectedItems()
        if not items:
            return None
        option: RewardOption = items[0].data(Qt.ItemDataRole.UserRole)
        return option if option.available else None

    def values(self) -> int:
        option = self.selected_option()
        if option is None:
            raise ValueError(self.tr("Pick a reward first: Up and Down move, Enter redeems."))
        return option.reward_id
