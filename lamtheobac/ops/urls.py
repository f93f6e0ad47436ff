from django.urls import path

from lamtheobac.ops import views

urlpatterns = [
    path("suc-khoe/", views.health, name="health"),
]
